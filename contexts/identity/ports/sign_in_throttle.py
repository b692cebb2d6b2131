from typing import Protocol


class SignInThrottle(Protocol):
    """Slows down guessing one account's password from one client, and only from that client.

    An attempt is counted when it is admitted, before its password is checked, so requests
    sent at once cannot all slip past the count. The first `max_failures` attempts of an
    (account, client) pair are admitted at once; after that each one is admitted only after a
    delay that doubles with every further failure (1 s, 2 s, 4 s, ...) up to a ceiling. A
    success forgets them. Someone else failing to sign in to an account from elsewhere never
    delays its owner.

    A client is an address, or a device token: one throttle counts the failures of unknown
    clients per address, another those made with each device token (ADR 24).
    """

    async def admit(self, account: str, client: str) -> None:
        """Count an attempt to sign in to `account` from `client`.

        Raises RateLimitedError, counting nothing, while the pair's delay lasts.
        """
        ...

    async def undecided(self, account: str, client: str) -> None:
        """Take back the attempt admitted last: its password was never checked (the server was too
        busy). The pair waits as long as after the attempt before, from now."""
        ...

    async def succeeded(self, account: str, client: str) -> None:
        """Forget the pair's failures: its owner signed in."""
        ...
