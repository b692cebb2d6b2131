"""Real servers for adapter tests; the fixtures live in `tests.servers.fixtures`."""
