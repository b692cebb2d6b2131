from enum import Enum, auto


class Ending(Enum):
    """Why the server ends a socket that its client did not close."""

    TOO_SLOW = auto()
    """The client fell too far behind its frames; it may reconnect and resume at once."""
    ACCESS_ENDED = auto()
    """Its access token expired without a fresh one, or its session was signed out or revoked."""
