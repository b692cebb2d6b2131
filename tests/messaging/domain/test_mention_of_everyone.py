from uuid import UUID

import pytest

from contexts.messaging.domain.errors import MentionOfEveryoneForbiddenError
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone, mentions_everyone
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.participant_role import ParticipantRole
from kernel.ids import new_id
from tests.messaging.builders import MODERATOR, PARTICIPANT, a_direct_conversation, a_group_conversation

EVERYONE = MessageBody("@all standup in 5")
RULE = WhoMayMentionEveryone(moderators_only_above=3)


def a_group_of(size: int) -> tuple[UUID, UUID, dict[UUID, ParticipantRole]]:
    """A moderator, a participant, and as many more participants as make `size`."""
    moderator, member = new_id(), new_id()
    others = {new_id(): PARTICIPANT for _ in range(size - 2)}
    return moderator, member, {moderator: MODERATOR, member: PARTICIPANT, **others}


@pytest.mark.parametrize("body", ["@all", "hi @ALL!", "@everyone, look"])
def test_at_all_in_a_group_mentions_everyone(body: str) -> None:
    _, _, participants = a_group_of(3)

    assert mentions_everyone(a_group_conversation(participants), MessageBody(body))


def test_at_all_in_a_direct_conversation_is_an_ordinary_word() -> None:
    assert not mentions_everyone(a_direct_conversation(), EVERYONE)


@pytest.mark.parametrize("body", [MessageBody("all of you"), MessageBody("@allison"), None])
def test_a_body_without_it_or_a_deleted_message_mentions_nobody(body: MessageBody | None) -> None:
    _, _, participants = a_group_of(3)

    assert not mentions_everyone(a_group_conversation(participants), body)


def test_in_a_group_up_to_the_size_anyone_may_mention_everyone() -> None:
    _, member, participants = a_group_of(3)

    RULE.ensure_allowed(a_group_conversation(participants), member, EVERYONE)


def test_in_a_larger_group_a_participant_may_not() -> None:
    _, member, participants = a_group_of(4)

    with pytest.raises(MentionOfEveryoneForbiddenError) as refused:
        RULE.ensure_allowed(a_group_conversation(participants), member, EVERYONE)
    assert "more than 3 participants" in refused.value.detail


def test_in_a_larger_group_a_moderator_may_and_anyone_may_write_without_it() -> None:
    moderator, member, participants = a_group_of(4)
    conversation = a_group_conversation(participants)

    RULE.ensure_allowed(conversation, moderator, EVERYONE)
    RULE.ensure_allowed(conversation, member, MessageBody("hello all"))


def test_size_zero_keeps_it_to_moderators_in_every_group_but_not_in_direct_conversations() -> None:
    only_moderators = WhoMayMentionEveryone(moderators_only_above=0)
    _, member, participants = a_group_of(2)
    direct = a_direct_conversation(member)

    with pytest.raises(MentionOfEveryoneForbiddenError):
        only_moderators.ensure_allowed(a_group_conversation(participants), member, EVERYONE)
    only_moderators.ensure_allowed(direct, member, EVERYONE)
