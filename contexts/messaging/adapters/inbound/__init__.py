"""Adapters that drive messaging: they turn requests and other contexts' events into use-case calls."""
