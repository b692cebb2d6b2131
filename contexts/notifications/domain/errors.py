from kernel.errors import NotFoundError


class NotificationNotFoundError(NotFoundError):
    """Someone else's notifications are not found either, so their ids disclose nothing."""

    def __init__(self) -> None:
        super().__init__("no such notification")
