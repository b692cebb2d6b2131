from datetime import timedelta

import pytest

from contexts.messaging.application.file_keys import file_key, thumbnail_key
from contexts.messaging.contracts.events import MessageDeleted, MessageSent
from contexts.messaging.domain.attachment import ATTACHMENTS_PER_MESSAGE
from contexts.messaging.domain.errors import UploadNotAttachableError
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from tests.messaging.application.conftest import UNATTACHED_UPLOAD_RETENTION_SECONDS, Messaging


async def test_uploads_sent_with_a_message_are_attached_stored_and_announced(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    photo, report = await messaging.uploaded(alice), await messaging.uploaded(alice, image=False)

    message, _ = await messaging.send_message(
        alice,
        conversation_id=conversation_id,
        client_message_id="c-1",
        body="",
        attachment_ids=[photo, report],
    )

    assert [attachment.id for attachment in message.attachments] == [photo, report]
    assert messaging.database.messages[message.id].attachments == message.attachments
    stored = messaging.database.uploads
    assert (stored[photo].message_id, stored[photo].conversation_id) == (message.id, conversation_id)
    assert stored[report].message_id == message.id
    [announced] = messaging.database.published(MessageSent)
    assert announced.message["body"] == ""
    assert announced.message["attachments"] == [
        {
            "id": str(photo),
            "filename": "cat.png",
            "content_type": "image/png",
            "size": 2048,
            "width": 640,
            "height": 480,
        },
        {
            "id": str(report),
            "filename": "cat.png",
            "content_type": "application/pdf",
            "size": 2048,
            "width": None,
            "height": None,
        },
    ]


async def test_a_reply_carries_its_files_too(messaging: Messaging) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    root, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="q"
    )
    photo = await messaging.uploaded(bob)

    reply, _ = await messaging.send_message(
        bob,
        conversation_id=conversation_id,
        client_message_id="c-2",
        body="",
        reply_to=root.id,
        attachment_ids=[photo],
    )

    assert [attachment.id for attachment in reply.attachments] == [photo]
    assert messaging.database.uploads[photo].message_id == reply.id


async def test_sending_again_answers_the_first_message_with_its_files(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    photo = await messaging.uploaded(alice)
    first, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="", attachment_ids=[photo]
    )

    again, sent = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="", attachment_ids=[photo]
    )

    assert (again, sent) == (first, False)
    assert len(again.attachments) == 1


@pytest.mark.parametrize("whose", ["someone else's", "unknown"])
async def test_an_upload_not_the_senders_is_refused_and_nothing_is_stored(
    messaging: Messaging, whose: str
) -> None:
    alice, bob, conversation_id = await messaging.direct_conversation()
    upload_id = await messaging.uploaded(bob) if whose == "someone else's" else new_id()

    with pytest.raises(UploadNotAttachableError) as refused:
        await messaging.send_message(
            alice,
            conversation_id=conversation_id,
            client_message_id="c-1",
            body="x",
            attachment_ids=[upload_id],
        )

    assert refused.value.field == "attachment_ids"
    assert messaging.database.messages == {}
    assert all(upload.message_id is None for upload in messaging.database.uploads.values())


async def test_an_upload_is_attached_to_one_message_only(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    photo = await messaging.uploaded(alice)
    first, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="", attachment_ids=[photo]
    )

    with pytest.raises(UploadNotAttachableError):
        await messaging.send_message(
            alice,
            conversation_id=conversation_id,
            client_message_id="c-2",
            body="again",
            attachment_ids=[photo],
        )

    assert messaging.database.uploads[photo].message_id == first.id
    assert list(messaging.database.messages) == [first.id]


async def test_one_file_more_than_a_message_carries_is_refused(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    uploads = [await messaging.uploaded(alice) for _ in range(ATTACHMENTS_PER_MESSAGE + 1)]

    with pytest.raises(InvalidValueError) as refused:
        await messaging.send_message(
            alice, conversation_id=conversation_id, client_message_id="c-1", body="x", attachment_ids=uploads
        )

    assert refused.value.field == "attachment_ids"
    assert messaging.database.messages == {}


async def test_deleting_a_message_discards_its_files_and_tells_none(messaging: Messaging) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    photo, kept = await messaging.uploaded(alice), await messaging.uploaded(alice)
    message, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="", attachment_ids=[photo]
    )
    messaging.clock.advance(timedelta(minutes=1))

    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=message.id)

    assert messaging.database.uploads[photo].discarded_at == messaging.clock.now()
    assert messaging.database.uploads[kept].discarded_at is None
    assert messaging.database.messages[message.id].attachments == ()
    [tombstone] = messaging.database.published(MessageDeleted)
    assert tombstone.message["attachments"] == []


async def test_the_sweeper_removes_discarded_files_and_old_unattached_ones_and_keeps_the_rest(
    messaging: Messaging,
) -> None:
    alice, _, conversation_id = await messaging.direct_conversation()
    deleted, posted = await messaging.uploaded(alice), await messaging.uploaded(alice)
    to_delete, _ = await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-1", body="", attachment_ids=[deleted]
    )
    await messaging.send_message(
        alice, conversation_id=conversation_id, client_message_id="c-2", body="", attachment_ids=[posted]
    )
    await messaging.delete_message(alice, conversation_id=conversation_id, message_id=to_delete.id)
    await messaging.uploaded(alice, image=False)  # never posted
    messaging.clock.advance(timedelta(seconds=UNATTACHED_UPLOAD_RETENTION_SECONDS - 1))
    fresh = await messaging.uploaded(alice)
    messaging.clock.advance(timedelta(seconds=2))

    removed = await messaging.upload_sweeper.sweep()

    assert removed == 2
    assert set(messaging.database.uploads) == {posted, fresh}
    assert set(messaging.files.files) == {
        key for upload_id in (posted, fresh) for key in (file_key(upload_id), thumbnail_key(upload_id))
    }


async def test_the_sweeper_works_through_more_than_one_batch(messaging: Messaging) -> None:
    alice = new_id()
    uploads = [await messaging.uploaded(alice) for _ in range(250)]
    messaging.clock.advance(timedelta(seconds=UNATTACHED_UPLOAD_RETENTION_SECONDS + 1))

    assert await messaging.upload_sweeper.sweep() == len(uploads)
    assert messaging.database.uploads == {}
    assert messaging.files.files == {}
