"""Adapters groups drives: storage."""
