"""Notifications' tables, repositories, unit of work and migrations, for SQLite and PostgreSQL alike."""
