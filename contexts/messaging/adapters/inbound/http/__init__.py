"""Messaging's command routes (see docs/api/README.md, Messaging); the queries are served from read models."""
