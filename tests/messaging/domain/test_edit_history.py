from datetime import timedelta

from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.message_body import MessageBody
from kernel.ids import new_id
from tests.messaging.builders import NOW, a_direct_conversation, post

LATER, LATEST = NOW + timedelta(minutes=5), NOW + timedelta(minutes=9)


def test_each_edit_answers_the_body_it_replaced_and_since_when_it_was_there() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = post(conversation, alice, "helo")

    first = conversation.edit(message, alice, MessageBody("hello"), LATER)
    second = conversation.edit(message, alice, MessageBody("hello!"), LATEST)

    assert first == EarlierBody(MessageBody("helo"), written_at=NOW, replaced_at=LATER)
    assert second == EarlierBody(MessageBody("hello"), written_at=LATER, replaced_at=LATEST)


def test_an_edit_to_the_same_body_replaces_nothing() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = post(conversation, alice, "hello")

    assert conversation.edit(message, alice, MessageBody("hello"), LATER) is None
