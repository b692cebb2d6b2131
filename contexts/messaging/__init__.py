"""The messaging context: conversations (direct and group), messages and their per-conversation
sequence, read markers, and the read models that serve them.
"""
