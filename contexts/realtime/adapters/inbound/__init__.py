"""Adapters that drive realtime: sockets, the presence route, and other contexts' events."""
