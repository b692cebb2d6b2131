"""Adapters identity drives: storage, hashing, token signing, throttling."""
