"""Notifications' REST routes (see docs/api/README.md, Notifications)."""
