"""How long to wait before trying again what failed: doubling, so a server that is away is not
hammered, and capped, so that it is noticed soon after it is back."""


def backoff(failures: int, *, base: float, longest: float) -> float:
    """The pause after `failures` failures in a row: `base`, then twice as long each time, up to `longest`."""
    return float(min(base * 2 ** (failures - 1), longest))
