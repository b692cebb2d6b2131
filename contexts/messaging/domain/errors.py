"""Messaging's refusals; each is one of the kernel's error categories."""

from uuid import UUID

from contexts.messaging.domain.pin import PINS_PER_CONVERSATION
from kernel.errors import ConflictError, InvalidValueError, NotFoundError, PermissionDeniedError


class ConversationNotFoundError(NotFoundError):
    """Also the answer to those who are not participants, so a conversation's existence is not disclosed."""

    def __init__(self) -> None:
        super().__init__("no such conversation")


class MessageNotFoundError(NotFoundError):
    def __init__(self) -> None:
        super().__init__("no such message in this conversation")


class ThreadNotFoundError(NotFoundError):
    """The id names no message of the conversation, or a reply, whose replies join its root's thread."""

    def __init__(self) -> None:
        super().__init__("no such thread in this conversation")


class ConversationClosedError(ConflictError):
    def __init__(self) -> None:
        super().__init__("the conversation is closed: its group was deleted")


class MessageDeletedError(ConflictError):
    def __init__(self) -> None:
        super().__init__("the message was deleted")


class NotTheSenderError(PermissionDeniedError):
    def __init__(self) -> None:
        super().__init__("only its sender may edit a message")


class MayNotDeleteError(PermissionDeniedError):
    def __init__(self) -> None:
        super().__init__("only its sender or a moderator (a group's owner or admin) may delete a message")


class MayNotPinError(PermissionDeniedError):
    def __init__(self) -> None:
        super().__init__("only an owner or admin of the group may pin or unpin its messages")


class TooManyPinsError(ConflictError):
    def __init__(self) -> None:
        super().__init__(
            f"the conversation holds {PINS_PER_CONVERSATION} pins, the most it may: unpin one first"
        )


class MentionOfEveryoneForbiddenError(PermissionDeniedError):
    """A title of its own gives the problem a `type` of its own (`mention-all-forbidden`): a client
    tells it from the other refusals of a send or an edit, and may offer to send without `@all`."""

    title = "Mention all forbidden"

    def __init__(self, moderators_only_above: int) -> None:
        super().__init__(
            f"only the group's owners and admins may mention everyone (@all) in a group of more than"
            f" {moderators_only_above} participants"
        )


class TooManyReactionsError(ConflictError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"a message takes reactions with at most {limit} different emoji")


class ReplyToDeletedError(ConflictError):
    def __init__(self) -> None:
        super().__init__("the message replied to was deleted")


class NoMessageToReplyToError(InvalidValueError):
    """A missing message, or one of another conversation: the request names what cannot be replied to."""

    def __init__(self) -> None:
        super().__init__("reply_to", "no such message in this conversation")


class UploadNotAttachableError(InvalidValueError):
    """Someone else's upload, one posted already, or one discarded: the request names what it may not
    attach, and the same answer for each keeps others' uploads undisclosed."""

    def __init__(self, upload_id: UUID) -> None:
        super().__init__("attachment_ids", f"{upload_id} is no upload of yours that is not yet attached")
