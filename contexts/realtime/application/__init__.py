"""Realtime's use cases: commands, queries and their handlers; no framework, no driver."""
