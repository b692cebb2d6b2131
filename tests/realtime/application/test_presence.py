"""Who is told when a user comes online or goes offline, and how passed presence deadlines are swept."""

from dataclasses import replace
from datetime import timedelta
from uuid import UUID

from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.presence import PresenceStatus
from tests.eventually import eventually
from tests.realtime.application.conftest import LARGEST_CONVERSATION, SETTINGS, TTL, Realtime, settle, users
from tests.realtime.application.fakes import RecordingClient


def presence_frames(client: RecordingClient) -> list[Frame]:
    return [sent for sent in client.sent if isinstance(sent, Frame) and sent.type == FrameType.PRESENCE]


def presence(user_id: UUID, status: PresenceStatus) -> Frame:
    return Frame(FrameType.PRESENCE, {"user_id": str(user_id), "status": status.value})


async def test_contacts_hear_a_user_come_online_with_their_first_socket_and_go_offline_with_their_last(
    realtime: Realtime,
) -> None:
    alice, bob, carol = users(3)
    await realtime.conversation(alice, bob)
    online, offline = presence(alice, PresenceStatus.ONLINE), presence(alice, PresenceStatus.OFFLINE)
    async with realtime.connected(bob) as (_, bobs_phone), realtime.connected(carol) as (_, carols_phone):
        async with realtime.connected(alice):
            async with realtime.connected(alice):
                await eventually(lambda: _heard(bobs_phone, [online]))
            await settle()
            assert presence_frames(bobs_phone) == [online]

        await eventually(lambda: _heard(bobs_phone, [online, offline]))
        await settle()
        assert presence_frames(carols_phone) == []


async def test_only_conversations_up_to_the_largest_announced_size_hear_of_presence(
    realtime: Realtime,
) -> None:
    alice, bob, *crowd = users(LARGEST_CONVERSATION + 1)
    await realtime.conversation(alice, bob, *crowd)
    async with realtime.connected(bob) as (_, bobs_phone):
        async with realtime.connected(alice):
            await settle()
        await realtime.conversation(alice, bob)
        async with realtime.connected(alice):
            await eventually(lambda: _heard(bobs_phone, [presence(alice, PresenceStatus.ONLINE)]))


async def test_a_user_who_left_the_only_shared_conversation_hears_no_more(realtime: Realtime) -> None:
    alice, bob, carol = users(3)
    group = await realtime.conversation(alice, bob, carol)
    await realtime.directory.record({group: {alice, carol}})
    async with (
        realtime.connected(bob) as (_, bobs_phone),
        realtime.connected(carol) as (_, carols_phone),
        realtime.connected(alice),
    ):
        await eventually(lambda: _heard(carols_phone, [presence(alice, PresenceStatus.ONLINE)]))
        await settle()
        assert presence_frames(bobs_phone) == []


async def test_the_sweep_takes_offline_the_users_whose_deadlines_passed_and_tells_their_contacts_once(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    await realtime.conversation(alice, bob)
    # The clock stands still until moved and heartbeats come only every minute: Alice's deadline
    # passes as if her instance had crashed, while Bob's, set later, has not.
    async with realtime.connected(alice):
        realtime.clock.advance(TTL / 2)
        async with realtime.connected(bob) as (_, bobs_phone):
            realtime.clock.advance(TTL / 2 + timedelta(seconds=1))

            await realtime.expiry.sweep()
            await realtime.expiry.sweep()

            await eventually(lambda: _heard(bobs_phone, [presence(alice, PresenceStatus.OFFLINE)]))
            await settle()
            assert len(presence_frames(bobs_phone)) == 1


async def test_a_socket_whose_deadline_passed_brings_its_user_back_online_at_its_next_renewal(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    await realtime.conversation(alice, bob)
    online, offline = presence(alice, PresenceStatus.ONLINE), presence(alice, PresenceStatus.OFFLINE)
    renewing = replace(SETTINGS, heartbeat_interval_seconds=0.05)
    async with realtime.connected(bob) as (_, bobs_phone), realtime.connected(alice, renewing):
        # Alice's process stalls past her deadline: the sweep takes her offline while her socket lives.
        realtime.clock.advance(TTL + timedelta(seconds=1))
        await realtime.expiry.sweep()

        await eventually(lambda: _heard(bobs_phone, [online, offline, online]))


async def _heard(client: RecordingClient, frames: list[Frame]) -> None:
    assert presence_frames(client) == frames
