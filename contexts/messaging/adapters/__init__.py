"""Messaging's adapters: they translate between its ports and HTTP, databases, brokers and other contexts."""
