"""Adapters that drive groups: they turn requests and other contexts' events into use-case calls."""
