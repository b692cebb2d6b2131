"""`chat new-context`: a new bounded context, generated from `template/` and registered where every
context is (docs/new-context.md says what it does, file by file, so that it can be done by hand)."""
