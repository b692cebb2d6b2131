"""Groups' published language, the only part of it other contexts may import.

It imports nothing of groups' own layers, so publishing it exposes no internals.
"""
