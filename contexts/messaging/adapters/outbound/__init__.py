"""Adapters messaging drives: storage."""
