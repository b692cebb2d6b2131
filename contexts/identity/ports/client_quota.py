from typing import Protocol


class ClientQuota(Protocol):
    """So many password hashes a client may cost the server within a window.

    One quota counts failed sign-ins per client address (one password sprayed across many
    accounts), another sign-ups, a third the sign-ins with device tokens per account (ADR 24),
    the account standing for the client. The window starts at a client's first use and is not extended
    by later ones, so the client may try again when it ends.
    """

    async def take(self, client: str) -> None:
        """Use one of `client`'s quota, before the hash is made.

        Raises RateLimitedError, saying when to retry and using nothing, once it is used up.
        """
        ...

    async def give_back(self, client: str) -> None:
        """Return one taken, for what should not count (a successful sign-in)."""
        ...
