from kernel.errors import NotFoundError


class NotAParticipantError(NotFoundError):
    """The user takes no part in the conversation, or it does not exist: the two are not told apart."""

    def __init__(self) -> None:
        super().__init__("You take no part in this conversation, or it does not exist.")


class SocketLimitError(Exception):
    """A new socket is refused: `per_user` tells whether the user holds too many already, rather
    than this process all it may."""

    def __init__(self, *, per_user: bool) -> None:
        super().__init__("too many sockets of this user" if per_user else "too many sockets on this server")
        self.per_user = per_user


class NotTheSameUserError(Exception):
    """An access token presented on an open socket is another user's."""
