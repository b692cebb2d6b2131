from uuid import UUID

import pytest

from contexts.identity.contracts.events import UserProfileChanged, UserRegistered
from contexts.messaging.contracts.events import ConversationCreated
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.messaging.application.conftest import Messaging
from tests.messaging.builders import NOW


async def registered(messaging: Messaging, *user_ids: UUID) -> None:
    await messaging.user_events(
        [
            UserRegistered(
                user_id=str(user_id),
                username=f"u{user_id.hex[:8]}",
                display_name="U",
                created_at=rfc3339(NOW),
            ).to_event(subject=str(user_id), time=NOW)
            for user_id in user_ids
        ]
    )


async def test_opening_creates_the_conversation_once_and_announces_it(messaging: Messaging) -> None:
    alice, bob = new_id(), new_id()
    await registered(messaging, alice, bob)

    opened, created = await messaging.open_direct_conversation(alice, other_id=bob)
    again, created_again = await messaging.open_direct_conversation(alice, other_id=bob)
    by_bob, created_by_bob = await messaging.open_direct_conversation(bob, other_id=alice)

    assert (created, created_again, created_by_bob) == (True, False, False)
    assert opened == again == by_bob
    assert (opened.kind, opened.title, opened.participant_ids) == ("direct", None, sorted([alice, bob]))
    assert messaging.database.published(ConversationCreated) == [
        ConversationCreated(
            conversation={
                "id": str(opened.id),
                "kind": "direct",
                "title": None,
                "participant_ids": [str(user_id) for user_id in sorted([alice, bob])],
                "created_at": rfc3339(opened.created_at),
                "closed": False,
            }
        )
    ]


async def test_a_user_messaging_has_not_heard_of_is_refused(messaging: Messaging) -> None:
    alice = new_id()
    await registered(messaging, alice)

    with pytest.raises(InvalidValueError) as refused:
        await messaging.open_direct_conversation(alice, other_id=new_id())

    assert refused.value.field == "user_id"
    assert messaging.database.conversations == {}


async def test_nobody_opens_a_conversation_with_themselves(messaging: Messaging) -> None:
    alice = new_id()
    await registered(messaging, alice)

    with pytest.raises(InvalidValueError):
        await messaging.open_direct_conversation(alice, other_id=alice)


async def test_of_two_opening_at_once_the_later_finds_the_earlier_ones_conversation(
    messaging: Messaging,
) -> None:
    alice, bob = new_id(), new_id()
    await registered(messaging, alice, bob)
    opened_by_bob = []

    async def bob_opens_first() -> None:
        opened_by_bob.append(await messaging.open_direct_conversation(bob, other_id=alice))

    messaging.database.before_next_conversation_add = bob_opens_first

    opened, created = await messaging.open_direct_conversation(alice, other_id=bob)

    assert opened_by_bob == [(opened, True)]
    assert created is False
    assert len(messaging.database.published(ConversationCreated)) == 1


async def test_a_redelivered_registration_changes_nothing(messaging: Messaging) -> None:
    alice = new_id()
    event = UserRegistered(
        user_id=str(alice), username="alice", display_name="Alice", created_at=rfc3339(NOW)
    ).to_event(subject=str(alice), time=NOW)

    await messaging.user_events([event])
    await messaging.user_events([event, event])

    assert messaging.database.known_users == {alice}
    assert messaging.database.usernames == {alice: "alice"}


async def test_a_profile_change_renames_a_known_user(messaging: Messaging) -> None:
    alice = new_id()
    await messaging.user_events(
        [
            UserRegistered(
                user_id=str(alice), username="alice", display_name="Alice", created_at=rfc3339(NOW)
            ).to_event(subject=str(alice), time=NOW),
            UserProfileChanged(user_id=str(alice), username="alicia", display_name="Alice").to_event(
                subject=str(alice), time=NOW
            ),
        ]
    )

    assert messaging.database.usernames == {alice: "alicia"}
