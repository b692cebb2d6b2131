"""Identity's REST routes (see docs/api/README.md, Identity)."""
