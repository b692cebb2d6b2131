"""Adapters notifications drives: storage, and the channels that deliver notifications."""
