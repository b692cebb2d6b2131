from datetime import timedelta
from uuid import UUID

import pytest

from contexts.messaging.domain.attachment import ATTACHMENTS_PER_MESSAGE, Attachment
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.errors import UploadNotAttachableError
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.upload import Upload
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from tests.messaging.builders import NOW, a_direct_conversation, an_upload, post

LATER = NOW + timedelta(minutes=5)


def _post(conversation: Conversation, sender_id: UUID, text: str, *uploads: Upload) -> Message:
    return conversation.post(sender_id, ClientMessageId("c-1"), MessageBody(text), NOW, uploads=uploads)


def test_uploads_posted_with_a_message_are_attached_to_it_in_the_order_given() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    photo, report = an_upload(alice), an_upload(alice, "report.pdf", image=False)

    message = _post(conversation, alice, "look", photo, report)

    assert message.attachments == (
        Attachment(photo.id, "cat.png", "image/png", 2048, 640, 480),
        Attachment(report.id, "report.pdf", "application/pdf", 2048, None, None),
    )
    assert (photo.message_id, photo.conversation_id) == (message.id, conversation.id)
    assert (report.message_id, report.conversation_id) == (message.id, conversation.id)


def test_a_message_of_files_alone_may_say_nothing() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)

    message = _post(conversation, alice, "", an_upload(alice))

    assert message.body == MessageBody("")
    assert not message.deleted


def test_a_message_without_files_must_say_something() -> None:
    alice = new_id()

    with pytest.raises(InvalidValueError) as refused:
        _post(a_direct_conversation(alice), alice, "")

    assert refused.value.field == "body"


def test_someone_elses_upload_is_not_attached() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    bobs = an_upload(bob)

    with pytest.raises(UploadNotAttachableError) as refused:
        _post(conversation, alice, "mine now", bobs)

    assert refused.value.field == "attachment_ids"
    assert bobs.message_id is None


def test_an_upload_is_posted_once() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    photo = an_upload(alice)
    _post(conversation, alice, "first", photo)

    with pytest.raises(UploadNotAttachableError):
        conversation.post(alice, ClientMessageId("c-2"), MessageBody("again"), NOW, uploads=[photo])


def test_an_upload_named_twice_in_one_message_is_refused() -> None:
    alice = new_id()
    photo = an_upload(alice)

    with pytest.raises(UploadNotAttachableError):
        _post(a_direct_conversation(alice), alice, "twice", photo, photo)


def test_a_discarded_upload_is_not_attached() -> None:
    alice = new_id()
    photo = an_upload(alice)
    photo.discard(NOW)

    with pytest.raises(UploadNotAttachableError):
        photo.attach_to(new_id(), new_id(), by=alice)


def test_a_message_carries_at_most_its_number_of_files() -> None:
    alice = new_id()
    uploads = [an_upload(alice) for _ in range(ATTACHMENTS_PER_MESSAGE + 1)]

    with pytest.raises(InvalidValueError) as refused:
        _post(a_direct_conversation(alice), alice, "all of them", *uploads)

    assert refused.value.field == "attachment_ids"
    assert all(upload.message_id is None for upload in uploads)


def test_a_deleted_message_shows_no_files() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = _post(conversation, alice, "look", an_upload(alice))

    conversation.delete(message, alice, LATER)

    assert message.attachments == ()


def test_a_message_with_files_may_be_edited_to_say_nothing_and_one_without_may_not() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    with_file = _post(conversation, alice, "look", an_upload(alice))
    without = post(conversation, alice, "words", client_id="c-2")

    with_file.edit(alice, MessageBody(""), LATER)
    with pytest.raises(InvalidValueError):
        without.edit(alice, MessageBody(""), LATER)

    assert with_file.body == MessageBody("")
    assert without.body == MessageBody("words")
