"""What messaging's application needs from the outside world, as small `typing.Protocol` classes."""
