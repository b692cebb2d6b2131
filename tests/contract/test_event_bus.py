"""The promises of the `EventBus` port, kept by every adapter (see infra/bus/event_bus.py).

Delivery is at least once: a test asserts that events arrive, in order where promised, and
never that they arrive exactly once.
"""

from uuid import UUID

from infra.bus.event_bus import EventBus
from kernel.integration_event import IntegrationEvent
from tests.contract.handlers import REGISTERED, RENAMED, RecordingHandler, event, publish_like_the_relay


async def test_a_group_gets_every_event_of_the_types_it_subscribed_to(bus: EventBus) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED, RENAMED], group)
    await bus.start()

    registered, renamed = event(REGISTERED, "user-1"), event(RENAMED, "user-2")
    await bus.publish(registered)
    await bus.publish(renamed)

    await group.wait_for_all(registered, renamed)


async def test_a_group_does_not_get_types_it_did_not_subscribe_to(bus: EventBus) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED], group)
    await bus.start()

    # Same subject, so `unwanted` would reach the group before `wanted` if it reached it at all.
    unwanted, wanted = event(RENAMED, "user-1"), event(REGISTERED, "user-1")
    await bus.publish(unwanted)
    await bus.publish(wanted)

    await group.wait_for_all(wanted)
    assert {e.type for e in group.applied} == {REGISTERED}


async def test_every_group_gets_the_event(bus: EventBus) -> None:
    directory, mailer = RecordingHandler(), RecordingHandler()
    bus.subscribe("directory", [REGISTERED], directory)
    bus.subscribe("mailer", [REGISTERED], mailer)
    await bus.start()

    registered = event(REGISTERED)
    await bus.publish(registered)

    await directory.wait_for_all(registered)
    await mailer.wait_for_all(registered)


async def test_events_of_one_subject_arrive_in_publish_order(bus: EventBus) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED, RENAMED], group)
    await bus.start()

    published = [event(REGISTERED if n % 3 else RENAMED, subject=f"user-{n % 2}", n=n) for n in range(20)]
    for e in published:
        await bus.publish(e)

    await group.wait_for_all(*published)
    for subject in ("user-0", "user-1"):
        assert _first_arrivals(group.applied, subject) == [e.id for e in published if e.subject == subject]


async def test_an_event_a_group_failed_on_is_applied_later_and_other_groups_still_get_it(
    bus: EventBus,
) -> None:
    flaky = RecordingHandler(fails=lambda event, attempt: attempt <= 2)
    steady = RecordingHandler()
    bus.subscribe("flaky", [REGISTERED], flaky)
    bus.subscribe("steady", [REGISTERED], steady)
    await bus.start()

    registered = event(REGISTERED)
    await publish_like_the_relay(bus, registered)

    await flaky.wait_for_all(registered)
    await steady.wait_for_all(registered)
    assert flaky.attempts[registered.id] == 3


async def test_a_started_bus_is_ready(bus: EventBus) -> None:
    bus.subscribe("directory", [REGISTERED], RecordingHandler())
    await bus.start()

    assert await bus.is_ready()


def _first_arrivals(applied: list[IntegrationEvent], subject: str) -> list[UUID]:
    """Event ids in the order each first arrived (a redelivery repeats an id, later)."""
    seen: list[UUID] = []
    for e in applied:
        if e.subject == subject and e.id not in seen:
            seen.append(e.id)
    return seen
