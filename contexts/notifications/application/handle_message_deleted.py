from collections import Counter
from uuid import UUID

from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


async def handle_message_deleted(message_id: UUID, revision: int, uow: NotificationsUnitOfWork) -> None:
    """An event handler: withdraw the unread notifications of a deleted message, whose text is
    gone; read ones stay, as what their recipients saw. Its `revision`, recorded, keeps its
    `message_sent` or an edit told late from notifying again."""
    await uow.message_revisions.advance(message_id, revision)
    withdrawn = Counter(await uow.notifications.withdraw_unread(message_id))
    for recipient_id in sorted(withdrawn):
        await uow.unread_counts.add(recipient_id, -withdrawn[recipient_id])
