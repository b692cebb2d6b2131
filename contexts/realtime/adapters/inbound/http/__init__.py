"""Realtime's one REST route: who is online (see docs/api/realtime.md, Presence)."""
