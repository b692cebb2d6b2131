"""Adapters that drive identity: they turn requests from outside into use-case calls."""
