"""Notifications' REST routes (see API.md, Notifications)."""
