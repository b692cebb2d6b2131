"""`@all`: who may write it (here, in groups of more than 3 participants only owners and admins),
and the message events that tell notifications whether a message mentions everyone."""

from uuid import UUID

import pytest

from contexts.messaging.contracts.events import MessageEdited, MessageSent
from contexts.messaging.domain.errors import MentionOfEveryoneForbiddenError
from kernel.ids import new_id
from tests.messaging.application.conftest import Messaging
from tests.messaging.group_story import GroupStory


async def a_group(messaging: Messaging, members: int) -> tuple[GroupStory, UUID, UUID]:
    """A group of its owner, an admin and `members` members: (group, admin, a member)."""
    owner, admin, member = new_id(), new_id(), new_id()
    group = GroupStory(owner)
    others = [new_id() for _ in range(members - 1)]
    await messaging.group_events([group.created(member, *others), group.member_added(admin, "admin")])
    return group, admin, member


async def send(messaging: Messaging, group: GroupStory, sender_id: UUID, body: str) -> None:
    await messaging.send_message(sender_id, conversation_id=group.group_id, client_message_id=body, body=body)


async def test_in_a_small_group_a_member_mentions_everyone_and_the_event_says_so(
    messaging: Messaging,
) -> None:
    group, _, member = await a_group(messaging, members=1)

    await send(messaging, group, member, "@all lunch?")
    await send(messaging, group, member, "lunch, all?")

    assert [sent.mentions_everyone for sent in messaging.database.published(MessageSent)] == [True, False]


async def test_in_a_larger_group_a_member_is_refused_and_nothing_is_sent(messaging: Messaging) -> None:
    group, _, member = await a_group(messaging, members=2)

    with pytest.raises(MentionOfEveryoneForbiddenError):
        await send(messaging, group, member, "@all lunch?")

    assert messaging.database.published(MessageSent) == []
    assert messaging.database.conversations[group.group_id].last_seq == 0


@pytest.mark.parametrize("moderator", ["owner", "admin"])
async def test_in_a_larger_group_owners_and_admins_mention_everyone(
    messaging: Messaging, moderator: str
) -> None:
    group, admin, _ = await a_group(messaging, members=2)

    await send(messaging, group, group.owner_id if moderator == "owner" else admin, "@all release today")

    [sent] = messaging.database.published(MessageSent)
    assert sent.mentions_everyone


async def test_an_edit_adding_it_is_held_to_the_same_rule(messaging: Messaging) -> None:
    group, admin, member = await a_group(messaging, members=2)
    await send(messaging, group, member, "lunch?")
    await send(messaging, group, admin, "release")
    [by_member, by_admin] = messaging.database.published(MessageSent)

    with pytest.raises(MentionOfEveryoneForbiddenError):
        await messaging.edit_message(
            member,
            conversation_id=group.group_id,
            message_id=UUID(by_member.message["id"]),
            body="@all lunch?",
        )
    await messaging.edit_message(
        admin, conversation_id=group.group_id, message_id=UUID(by_admin.message["id"]), body="@all release"
    )

    [edited] = messaging.database.published(MessageEdited)
    assert (edited.message["id"], edited.mentions_everyone) == (by_admin.message["id"], True)


async def test_in_a_direct_conversation_it_is_an_ordinary_word(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()

    await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c", body="@all hi"
    )

    [sent] = messaging.database.published(MessageSent)
    assert not sent.mentions_everyone
