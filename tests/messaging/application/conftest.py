from dataclasses import dataclass
from uuid import UUID

import pytest

from contexts.messaging.adapters.inbound.events.from_groups import GroupEvents
from contexts.messaging.adapters.inbound.events.from_identity import user_events
from contexts.messaging.application.delete_message import DeleteMessage
from contexts.messaging.application.edit_history_query import EditHistoryQuery
from contexts.messaging.application.edit_message import EditMessage
from contexts.messaging.application.file_keys import file_key, thumbnail_key
from contexts.messaging.application.follow_group import FollowGroup
from contexts.messaging.application.mark_conversation_read import MarkConversationRead
from contexts.messaging.application.open_direct_conversation import OpenDirectConversation
from contexts.messaging.application.pin_message import PinMessage
from contexts.messaging.application.react_to_message import ReactToMessage
from contexts.messaging.application.send_message import SendMessage
from contexts.messaging.application.unpin_message import UnpinMessage
from contexts.messaging.application.upload_sweeper import UploadSweeper
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from infra.outbox.inbox import idempotent
from kernel.ids import new_id
from kernel.integration_event import EventBatchHandler
from tests.clock import SteppedClock
from tests.messaging.application.fakes import FakeDatabase, FakeFileStorage, FakeMessagingUnitOfWork
from tests.messaging.builders import an_upload


@dataclass
class Messaging:
    """The messaging context's use cases and event consumers, wired to fakes the test can inspect."""

    database: FakeDatabase
    clock: SteppedClock
    open_direct_conversation: OpenDirectConversation
    send_message: SendMessage
    edit_message: EditMessage
    delete_message: DeleteMessage
    mark_conversation_read: MarkConversationRead
    pin_message: PinMessage
    unpin_message: UnpinMessage
    edit_history: EditHistoryQuery
    react_to_message: ReactToMessage
    group_events: EventBatchHandler
    """Groups' events as the container consumes them: translated, and applied once each."""
    user_events: EventBatchHandler
    files: FakeFileStorage
    upload_sweeper: UploadSweeper

    async def direct_conversation(self) -> tuple[UUID, UUID, UUID]:
        """Two users and the direct conversation between them: (alice, bob, conversation id)."""
        alice, bob = new_id(), new_id()
        self.database.known_users.update({alice, bob})
        conversation, _ = await self.open_direct_conversation(alice, other_id=bob)
        return alice, bob, conversation.id

    async def uploaded(self, uploader_id: UUID, *, image: bool = True) -> UUID:
        """A file `uploader_id` uploaded now, with its thumbnail if it is an image, as the upload
        route stores them."""
        upload = an_upload(uploader_id, uploaded_at=self.clock.now(), image=image)
        self.database.uploads[upload.id] = upload
        self.files.files[file_key(upload.id)] = b"the file"
        if image:
            self.files.files[thumbnail_key(upload.id)] = b"its thumbnail"
        return upload.id


UNATTACHED_UPLOAD_RETENTION_SECONDS = 3600


WHO_MAY_MENTION_EVERYONE = WhoMayMentionEveryone(moderators_only_above=3)
"""Small, so that a test's group outgrows it with a few members."""


@pytest.fixture
def messaging() -> Messaging:
    database, clock, files = FakeDatabase(), SteppedClock(), FakeFileStorage()

    def unit_of_work() -> FakeMessagingUnitOfWork:
        return FakeMessagingUnitOfWork(database)

    return Messaging(
        database=database,
        clock=clock,
        open_direct_conversation=OpenDirectConversation(unit_of_work, clock),
        send_message=SendMessage(unit_of_work, clock, WHO_MAY_MENTION_EVERYONE),
        edit_message=EditMessage(unit_of_work, clock, WHO_MAY_MENTION_EVERYONE),
        delete_message=DeleteMessage(unit_of_work, clock),
        mark_conversation_read=MarkConversationRead(unit_of_work, clock),
        pin_message=PinMessage(unit_of_work, clock),
        unpin_message=UnpinMessage(unit_of_work, clock),
        edit_history=EditHistoryQuery(unit_of_work),
        react_to_message=ReactToMessage(unit_of_work, clock),
        group_events=idempotent("groups-test", unit_of_work, GroupEvents(FollowGroup(clock))),
        user_events=idempotent("users-test", unit_of_work, user_events),
        files=files,
        upload_sweeper=UploadSweeper(
            unit_of_work,
            files,
            clock,
            retention_seconds=UNATTACHED_UPLOAD_RETENTION_SECONDS,
            interval_seconds=60,
        ),
    )
