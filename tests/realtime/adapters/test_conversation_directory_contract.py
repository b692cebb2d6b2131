"""What every ConversationDirectory does, on each database realtime runs on and in the application
tests' fake."""

import asyncio

import pytest

from contexts.realtime.adapters.outbound.sqlalchemy.conversation_directory import (
    SqlAlchemyConversationDirectory,
)
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE, FAKE
from tests.realtime.application.fakes import FakeConversationDirectory

pytestmark = ALSO_ON_THE_FAKE

EVERY_CONVERSATION = 1_000_000


@pytest.fixture
def directory(database_kind: str, request: pytest.FixtureRequest) -> ConversationDirectory:
    if database_kind == FAKE:
        return FakeConversationDirectory()
    return SqlAlchemyConversationDirectory(request.getfixturevalue("sessions"))


async def test_recording_replaces_the_participants(directory: ConversationDirectory) -> None:
    conversation, other_conversation = new_id(), new_id()
    alice, bob, carol = new_id(), new_id(), new_id()
    await directory.record({other_conversation: {alice, bob}})

    await directory.record({conversation: {alice, bob}})
    await directory.record({conversation: {bob, carol}})
    assert await directory.participants(conversation) == {bob, carol}

    await directory.record({conversation: set()})
    assert await directory.participants(conversation) == frozenset()
    assert await directory.participants(other_conversation) == {alice, bob}


async def test_recording_the_same_participants_again_changes_nothing(
    directory: ConversationDirectory,
) -> None:
    conversation, alice, bob = new_id(), new_id(), new_id()

    await directory.record({conversation: [alice, bob]})
    await directory.record({conversation: [alice, bob]})

    assert await directory.participants(conversation) == {alice, bob}


async def test_an_event_recorded_by_several_consumers_at_once_is_recorded_once(
    directory: ConversationDirectory,
) -> None:
    conversation = new_id()
    participants = {new_id() for _ in range(5)}
    await directory.record({conversation: {new_id()}})

    await asyncio.gather(*(directory.record({conversation: participants}) for _ in range(5)))

    assert await directory.participants(conversation) == participants


async def test_contacts_are_everyone_sharing_a_conversation_with_the_user_but_them(
    directory: ConversationDirectory,
) -> None:
    alice, bob, carol, dave, erin = (new_id() for _ in range(5))
    await directory.record({new_id(): {alice, bob}})
    await directory.record({new_id(): {alice, bob, carol}})
    await directory.record({new_id(): {dave, erin}})

    assert await directory.contacts(alice, EVERY_CONVERSATION) == {bob, carol}
    assert await directory.contacts(carol, EVERY_CONVERSATION) == {alice, bob}
    assert await directory.contacts(erin, EVERY_CONVERSATION) == {dave}


async def test_contacts_leave_out_conversations_larger_than_asked(directory: ConversationDirectory) -> None:
    alice, bob, carol, dave = (new_id() for _ in range(4))
    await directory.record({new_id(): {alice, bob}})
    await directory.record({new_id(): {alice, bob, carol}})
    await directory.record({new_id(): {alice, carol, dave}})

    assert await directory.contacts(alice, 2) == {bob}
    assert await directory.contacts(dave, 2) == frozenset()
    assert await directory.contacts(dave, 3) == {alice, carol}


async def test_contacts_follow_the_participants_as_they_change(directory: ConversationDirectory) -> None:
    conversation, alice, bob, carol = new_id(), new_id(), new_id(), new_id()
    await directory.record({conversation: {alice, bob}})

    await directory.record({conversation: {alice, carol}})

    assert await directory.contacts(alice, EVERY_CONVERSATION) == {carol}
    assert await directory.contacts(bob, EVERY_CONVERSATION) == frozenset()


async def test_a_conversation_or_user_never_heard_of_has_nobody(directory: ConversationDirectory) -> None:
    await directory.record({new_id(): {new_id(), new_id()}})

    assert await directory.participants(new_id()) == frozenset()
    assert await directory.contacts(new_id(), EVERY_CONVERSATION) == frozenset()


async def test_several_conversations_are_recorded_at_once_and_read_back_together(
    directory: ConversationDirectory,
) -> None:
    first, second, unknown = new_id(), new_id(), new_id()
    alice, bob, carol = new_id(), new_id(), new_id()
    await directory.record({first: {alice}, second: {alice, bob}})

    await directory.record({first: {alice, bob}, second: {carol}})

    assert await directory.participants_of([first, second, unknown]) == {
        first: {alice, bob},
        second: {carol},
    }


async def test_contacts_among_candidates_are_those_sharing_a_conversation_of_any_size(
    directory: ConversationDirectory,
) -> None:
    alice, bob, carol, dave, erin = (new_id() for _ in range(5))
    await directory.record({new_id(): {alice, bob}})
    await directory.record({new_id(): {alice, carol, *(new_id() for _ in range(50))}})
    await directory.record({new_id(): {dave, erin}})

    assert await directory.contacts_among(alice, [alice, bob, carol, dave, new_id()]) == {bob, carol}
    assert await directory.contacts_among(erin, [alice, dave, dave]) == {dave}
    assert await directory.contacts_among(erin, []) == frozenset()


async def test_contacts_among_candidates_follow_the_participants_as_they_change(
    directory: ConversationDirectory,
) -> None:
    conversation, alice, bob, carol = new_id(), new_id(), new_id(), new_id()
    await directory.record({conversation: {alice, bob, carol}})

    await directory.record({conversation: {alice, carol}})

    assert await directory.contacts_among(alice, [bob, carol]) == {carol}
    assert await directory.contacts_among(bob, [alice, carol]) == frozenset()
