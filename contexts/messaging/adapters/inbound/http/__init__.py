"""Messaging's command routes (see API.md, Messaging); the queries are served from read models."""
