"""The promises of the `EventBus` port, kept by every adapter (see infra/bus/event_bus.py).

Events enter as a use case publishes them, committed to an outbox that the bus carries. Delivery
is at least once: a test asserts that events arrive, in order where promised, and never that they
arrive exactly once, except after a clean stop.
"""

import asyncio
from collections.abc import Callable
from uuid import UUID

import pytest

from infra.bus.event_bus import EventBus, ReplayReport
from kernel.copies import NotToldYetError
from kernel.integration_event import IntegrationEvent
from tests.buses import FAST_CONSUMERS
from tests.contract.conftest import Buses, Publish
from tests.contract.handlers import (
    REGISTERED,
    RENAMED,
    TIMEOUT_SECONDS,
    RecordingHandler,
    StuckHandler,
    event,
)
from tests.eventually import eventually


async def test_a_group_gets_every_event_of_the_types_it_subscribed_to(
    bus: EventBus, publish: Publish
) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED, RENAMED], group)
    await bus.start()

    registered, renamed = event(REGISTERED, "user-1"), event(RENAMED, "user-2")
    await publish(registered)
    await publish(renamed)

    await group.wait_for_all(registered, renamed)


async def test_a_group_does_not_get_types_it_did_not_subscribe_to(bus: EventBus, publish: Publish) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED], group)
    await bus.start()

    # Same subject, so `unwanted` would reach the group before `wanted` if it reached it at all.
    unwanted, wanted = event(RENAMED, "user-1"), event(REGISTERED, "user-1")
    await publish(unwanted)
    await publish(wanted)

    await group.wait_for_all(wanted)
    assert {e.type for e in group.applied} == {REGISTERED}


async def test_every_group_gets_the_event(bus: EventBus, publish: Publish) -> None:
    directory, mailer = RecordingHandler(), RecordingHandler()
    bus.subscribe("directory", [REGISTERED], directory)
    bus.subscribe("mailer", [REGISTERED], mailer)
    await bus.start()

    registered = event(REGISTERED)
    await publish(registered)

    await directory.wait_for_all(registered)
    await mailer.wait_for_all(registered)


async def test_events_of_one_subject_arrive_in_publish_order(bus: EventBus, publish: Publish) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED, RENAMED], group)
    await bus.start()

    published = [event(REGISTERED if n % 3 else RENAMED, subject=f"user-{n % 2}", n=n) for n in range(20)]
    for e in published:
        await publish(e)

    await group.wait_for_all(*published)
    for subject in ("user-0", "user-1"):
        assert _first_arrivals(group.applied, subject) == [e.id for e in published if e.subject == subject]


async def test_events_waiting_for_a_group_are_handed_to_it_in_batches_in_order(
    bus: EventBus, publish: Publish
) -> None:
    group = RecordingHandler()
    bus.subscribe("directory", [REGISTERED], group)
    waiting = [event(REGISTERED, subject=f"user-{n % 3}", n=n) for n in range(60)]
    await publish(*waiting)

    await bus.start()

    await group.wait_for_all(*waiting)
    assert max(group.batches) > 1
    assert [e.data["n"] for e in group.applied] == list(range(60))


async def test_an_event_a_group_failed_on_is_applied_later_and_other_groups_still_get_it(
    bus: EventBus, publish: Publish
) -> None:
    flaky = RecordingHandler(fails=lambda event, attempt: attempt <= 2)
    steady = RecordingHandler()
    bus.subscribe("flaky", [REGISTERED], flaky)
    bus.subscribe("steady", [REGISTERED], steady)
    await bus.start()

    registered = event(REGISTERED)
    await publish(registered)

    await flaky.wait_for_all(registered)
    await steady.wait_for_all(registered)
    assert flaky.attempts[registered.id] == 3


async def test_dead_letters_are_replayed_until_the_group_applies_them_and_then_no_more(
    buses: Buses, publish: Publish
) -> None:
    poison, healthy = event(n=1), event(n=2)
    fixed = False
    handler = RecordingHandler(fails=lambda e, attempt: e.id == poison.id and not fixed)
    serving = buses()
    serving.subscribe("directory", [REGISTERED], handler)
    await serving.start()
    await publish(poison, healthy)
    await handler.wait_for_all(healthy)  # `poison` comes first: it was dead-lettered by then
    await serving.stop()
    replaying = buses()
    replaying.subscribe("directory", [REGISTERED], handler)

    assert await replaying.replay_dead_letters("directory") == ReplayReport(applied=0, failed=1)
    fixed = True
    assert await replaying.replay_dead_letters("directory") == ReplayReport(applied=1, failed=0)
    assert await replaying.replay_dead_letters("directory") == ReplayReport(applied=0, failed=0)
    assert [e.id for e in handler.applied] == [healthy.id, poison.id]
    assert handler.attempts[poison.id] == 2 * FAST_CONSUMERS.max_attempts + 1  # served, replayed twice


@pytest.mark.parametrize(
    "failure",
    [
        lambda: ConnectionError("the database is restarting"),
        lambda: NotToldYetError("who takes part in conversation 1"),  # its telling, replayed, is on its way
    ],
    ids=["a server away", "a copy not told yet"],
)
async def test_a_group_waiting_for_a_server_or_a_telling_holds_still_and_says_so_until_it_is_there(
    bus: EventBus, publish: Publish, failure: Callable[[], Exception]
) -> None:
    away = True
    waiting = RecordingHandler(fails=lambda event, attempt: away, failure=failure)
    bus.subscribe("waiting", [REGISTERED], waiting)
    await bus.start()
    events = [event(REGISTERED, n=n) for n in range(3)]
    await publish(*events)

    async def stalled_longer_than_it_would_retry_an_error_of_its_own() -> None:
        assert bus.stalled_groups() == ["waiting"]
        assert waiting.attempts.get(events[0].id, 0) > 2 * FAST_CONSUMERS.max_attempts

    await eventually(stalled_longer_than_it_would_retry_an_error_of_its_own, within=TIMEOUT_SECONDS)
    away = False

    await waiting.wait_for_all(*events)
    assert [e.data["n"] for e in waiting.applied] == [0, 1, 2]
    assert list(bus.stalled_groups()) == []


async def test_a_group_that_hangs_does_not_hold_up_the_others(bus: EventBus, publish: Publish) -> None:
    stuck, steady = StuckHandler(), RecordingHandler()
    bus.subscribe("stuck", [REGISTERED], stuck)
    bus.subscribe("steady", [REGISTERED], steady)
    await bus.start()

    first = event(REGISTERED, n=0)
    await publish(first)
    await asyncio.wait_for(stuck.started.wait(), TIMEOUT_SECONDS)
    later = [event(REGISTERED, subject=f"user-{n}", n=n) for n in range(1, 6)]
    for e in later:
        await publish(e)

    await steady.wait_for_all(first, *later)
    stuck.release.set()


async def test_a_restarted_group_goes_on_from_where_it_stopped(buses: Buses, publish: Publish) -> None:
    before, after = [event(REGISTERED, n=n) for n in range(3)], [event(REGISTERED, n=n) for n in range(3, 6)]
    first_run, second_run = RecordingHandler(), RecordingHandler()
    first_bus = buses()
    first_bus.subscribe("directory", [REGISTERED], first_run)
    await first_bus.start()
    await publish(*before)
    await first_run.wait_for_all(*before)
    await first_bus.stop()

    await publish(*after)
    second_bus = buses()
    second_bus.subscribe("directory", [REGISTERED], second_run)
    await second_bus.start()

    await second_run.wait_for_all(*after)
    assert [e.data["n"] for e in second_run.applied] == [3, 4, 5]


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
