from datetime import UTC, datetime, timedelta


class SteppedClock:
    """A clock that stands still until a test moves it; it starts at the real time, so tokens it
    stamps are valid for verifiers that read the real one."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime.now(UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, by: timedelta) -> None:
        self.current += by
