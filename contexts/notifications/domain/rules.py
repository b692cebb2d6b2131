"""Who is notified of what. Nobody is notified of their own actions.

- `mention`: a message names a participant of its conversation as `@username`, even one who
  muted it; naming anyone else notifies nobody, so a mention cannot reach outsiders.
- `reply`: a reply in a thread, for each of its followers (who sent its root or a reply in it)
  who takes part in the conversation, unless they muted it.
- `direct_message`: a message in a direct conversation, for the other participant, unless they
  muted the conversation.
A message notifies each recipient once, as the first of these kinds that applies (a mention of a
follower is a `mention`, a reply in a direct conversation a `reply`).
- `added_to_group`: someone else made the recipient a member of a group, also by creating it.
An edit notifies only whom it newly mentions: the message itself was news when it was sent,
and a notification's id keeps anyone it already notified from being notified again.
"""

from collections.abc import Set
from uuid import UUID

from contexts.notifications.domain.members_added import MembersAdded
from contexts.notifications.domain.message_sent_or_edited import MessageSentOrEdited
from contexts.notifications.domain.notification import Notification
from contexts.notifications.domain.notification_kind import NotificationKind


def of_sent_message(
    message: MessageSentOrEdited,
    participants: Set[UUID],
    mentioned: Set[UUID],
    muted: Set[UUID],
    followers: Set[UUID] = frozenset(),
) -> list[Notification]:
    """`participants`: who takes part in its conversation, the sender included; `mentioned`: the
    users the body names; `muted`: those who muted its conversation; `followers`: for a reply,
    who follows its thread."""
    notified = []
    for recipient_id in _others(message, participants):
        if recipient_id in mentioned:
            notified.append(Notification.of_message(recipient_id, NotificationKind.MENTION, message))
        elif recipient_id in muted:
            continue
        elif recipient_id in followers:
            notified.append(Notification.of_message(recipient_id, NotificationKind.REPLY, message))
        elif message.direct:
            notified.append(Notification.of_message(recipient_id, NotificationKind.DIRECT_MESSAGE, message))
    return notified


def of_edited_message(
    message: MessageSentOrEdited, participants: Set[UUID], mentioned: Set[UUID]
) -> list[Notification]:
    """`participants`: who takes part in its conversation, the sender included; `mentioned`: the
    users the edited body names."""
    return [
        Notification.of_message(recipient_id, NotificationKind.MENTION, message)
        for recipient_id in _others(message, participants)
        if recipient_id in mentioned
    ]


def of_members_added(added: MembersAdded) -> list[Notification]:
    return [
        Notification.of_addition(user_id, added)
        for user_id in sorted(added.user_ids)
        if user_id != added.actor_id
    ]


def _others(message: MessageSentOrEdited, participants: Set[UUID]) -> list[UUID]:
    """The participants but the sender, in a stable order (so storage locks rows in that order)."""
    return sorted(participant for participant in participants if participant != message.sender_id)
