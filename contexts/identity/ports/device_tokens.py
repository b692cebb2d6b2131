from datetime import datetime
from typing import Protocol


class DeviceTokens(Protocol):
    """Tokens handed to a client that signed in to an account, by which it is recognised there later:
    a device that knew the password.

    A token lets no one sign in; it only lets its holder's sign-ins to that account pass the
    throttles of unknown clients and be checked in a lane of their own (ADR 24). It is checked
    before any storage is asked, so a flood of made-up tokens costs next to nothing.
    """

    def issue(self, account: str, now: datetime) -> str:
        """A new token for `account`, valid for a lifetime from `now`."""
        ...

    def recognise(self, token: str, account: str, now: datetime) -> str | None:
        """The token's id, if `token` was issued for `account` and has not expired; None for any other
        (another account's, altered, expired or made up): its sign-in is an unknown client's."""
        ...
