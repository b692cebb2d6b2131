"""Groups' REST routes (see API.md, Groups)."""
