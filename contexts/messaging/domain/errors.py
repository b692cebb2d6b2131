"""Messaging's refusals; each is one of the kernel's error categories."""

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
