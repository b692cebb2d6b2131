"""Adapters that drive notifications: they turn requests and other contexts' events into use-case calls."""
