"""What notifications' application needs from the outside world, as small `typing.Protocol` classes."""
