"""Identity's REST routes (see API.md, Identity)."""
