from typing import Protocol


class AdditionLimit(Protocol):
    """How many groups others may put one user into in a while (ADR 23).

    It counts the added user, not the adder: many adders, each within their own limits, must not
    fill one person's list of groups either.
    """

    async def take(self, key: str) -> None:
        """Take one addition from the allowance of the user whose id is `key`.

        Raises RateLimitedError, saying when to retry and taking nothing, once it is used up.
        """
        ...
