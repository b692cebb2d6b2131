"""What realtime's application needs from the outside world, as small `typing.Protocol` classes."""
