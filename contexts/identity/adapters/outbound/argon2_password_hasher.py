import dataclasses
import secrets

from argon2 import Parameters
from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

from contexts.identity.adapters.outbound.hashing_threads import HashingThreads
from contexts.identity.domain.password import Password


def argon2id_profile(time_cost: int, memory_kib: int, parallelism: int) -> Parameters:
    """RFC 9106's low-memory profile at another cost; hashes made at any cost still verify."""
    return dataclasses.replace(
        RFC_9106_LOW_MEMORY, time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism
    )


class Argon2PasswordHasher:
    """argon2id, by default with RFC 9106's low-memory profile (3 passes over 64 MiB, 4 lanes).

    Each hash takes tens of milliseconds of CPU on purpose, so it runs in one of `threads`,
    which bound how much of it waits (OverloadedError beyond), and the event loop keeps serving
    other requests meanwhile. Deployments tune the cost with `argon2id_profile`; tests pass a
    cheap one.
    """

    def __init__(self, threads: HashingThreads, profile: Parameters = RFC_9106_LOW_MEMORY) -> None:
        self._threads = threads
        self._argon2 = Argon2.from_parameters(profile)
        # Verified against when the user is unknown: same parameters, so the same cost.
        self._stand_in_hash = self._argon2.hash(secrets.token_urlsafe(32))

    async def hash(self, password: Password) -> str:
        return await self._threads.run(self._argon2.hash, password.value)

    async def verify(self, password: str, password_hash: str | None) -> bool:
        matches = await self._threads.run(self._matches, password, password_hash or self._stand_in_hash)
        return matches and password_hash is not None

    def _matches(self, password: str, password_hash: str) -> bool:
        try:
            # A typed password is arbitrary text; "surrogatepass" encodes even a lone surrogate.
            return self._argon2.verify(password_hash, password.encode("utf-8", "surrogatepass"))
        except (VerificationError, InvalidHashError):
            return False
