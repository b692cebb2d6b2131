"""Realtime's published language, the only part of it other contexts may import.

It imports nothing of realtime's own layers, so publishing it exposes no internals.
"""
