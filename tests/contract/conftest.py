import pytest

from infra.bus.event_bus import EventBus
from infra.bus.in_process import InProcessEventBus
from tests.buses import KafkaBuses


@pytest.fixture(params=["in_process", "kafka"])
def bus(request: pytest.FixtureRequest) -> EventBus:
    """A bus of each kind, not started yet: subscribe first."""
    if request.param == "in_process":
        return InProcessEventBus()
    kafka_buses: KafkaBuses = request.getfixturevalue("kafka_buses")
    return kafka_buses()
