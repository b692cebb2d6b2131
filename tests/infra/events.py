from datetime import UTC, datetime

from kernel.integration_event import IntegrationEvent


def event(subject: str, n: int = 0) -> IntegrationEvent:
    return IntegrationEvent(
        type="test.something_happened", source="test", subject=subject, time=datetime.now(UTC), data={"n": n}
    )
