from typing import Protocol

from contexts.identity.domain.password import Password


class PasswordHasher(Protocol):
    """A slow, salted one-way hash: a stolen copy of the hashes costs an attacker years, not seconds.

    Being slow, it takes on only so much at once: both methods raise OverloadedError beyond.
    """

    async def hash(self, password: Password) -> str: ...

    async def verify(self, password: str, password_hash: str | None) -> bool:
        """Whether `password` matches `password_hash`.

        With no hash (the username is unknown) it does the same work and answers False, so the
        time an answer takes does not reveal whether an account exists.
        """
        ...
