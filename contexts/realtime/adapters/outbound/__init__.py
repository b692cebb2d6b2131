"""Adapters realtime drives: fan-out between instances, presence, its own database."""
