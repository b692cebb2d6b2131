"""Whose presence a user may read: their contacts' and their own; anyone else looks never seen."""

from uuid import UUID

from contexts.realtime.application.get_presence import GetPresence
from contexts.realtime.domain.presence import Presence, PresenceStatus
from tests.realtime.application.conftest import LARGEST_CONVERSATION, Realtime, users


def get_presence(realtime: Realtime) -> GetPresence:
    return GetPresence(realtime.presence, realtime.directory, realtime.clock)


def online(realtime: Realtime, user_id: UUID) -> Presence:
    return Presence(user_id, PresenceStatus.ONLINE, realtime.clock.now())


async def test_a_user_sees_their_contacts_and_themselves_and_a_stranger_as_never_seen(
    realtime: Realtime,
) -> None:
    alice, bob, carol = users(3)
    await realtime.conversation(alice, bob)
    async with realtime.connected(alice), realtime.connected(bob), realtime.connected(carol):
        seen = await get_presence(realtime)(alice, [carol, bob, alice, carol])

    assert seen == [
        Presence.never_seen(carol),
        online(realtime, bob),
        online(realtime, alice),
        Presence.never_seen(carol),
    ]


async def test_a_contact_in_a_conversation_too_large_for_presence_frames_is_seen_on_asking(
    realtime: Realtime,
) -> None:
    alice, bob, *crowd = users(LARGEST_CONVERSATION + 1)
    await realtime.conversation(alice, bob, *crowd)
    async with realtime.connected(bob):
        assert await get_presence(realtime)(alice, [bob]) == [online(realtime, bob)]


async def test_a_user_who_left_the_only_shared_conversation_is_no_longer_seen(realtime: Realtime) -> None:
    alice, bob, carol = users(3)
    group = await realtime.conversation(alice, bob, carol)
    async with realtime.connected(bob):
        assert await get_presence(realtime)(alice, [bob]) == [online(realtime, bob)]

        await realtime.directory.record({group: {alice, carol}})

        assert await get_presence(realtime)(alice, [bob]) == [Presence.never_seen(bob)]
