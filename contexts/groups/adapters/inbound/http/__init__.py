"""Groups' REST routes (see docs/api/README.md, Groups)."""
