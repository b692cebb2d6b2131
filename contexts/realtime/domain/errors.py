from kernel.errors import NotFoundError


class NotAParticipantError(NotFoundError):
    """The user takes no part in the conversation, or it does not exist: the two are not told apart."""

    def __init__(self) -> None:
        super().__init__("You take no part in this conversation, or it does not exist.")
