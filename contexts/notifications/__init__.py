"""The notifications context: who is told about what, mute preferences and the notification inbox."""
