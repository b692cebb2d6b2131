import pytest
from argon2.profiles import CHEAPEST

from contexts.identity.adapters.outbound.argon2_password_hasher import Argon2PasswordHasher
from contexts.identity.adapters.outbound.hashing_threads import HashingThreads
from contexts.identity.domain.password import Password


@pytest.fixture(scope="module")
def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher(HashingThreads(1, 1), CHEAPEST)


async def test_a_hash_verifies_its_password_only(hasher: Argon2PasswordHasher) -> None:
    password_hash = await hasher.hash(Password("correct horse"))

    assert await hasher.verify("correct horse", password_hash)
    assert not await hasher.verify("correct horsE", password_hash)


async def test_hashes_are_salted(hasher: Argon2PasswordHasher) -> None:
    assert await hasher.hash(Password("correct horse")) != await hasher.hash(Password("correct horse"))


@pytest.mark.parametrize("password_hash", [None, "", "not a hash", "$argon2id$v=19$m=8,t=1,p=1$broken"])
async def test_no_hash_or_a_broken_one_verifies_nothing(
    hasher: Argon2PasswordHasher, password_hash: str | None
) -> None:
    assert not await hasher.verify("correct horse", password_hash)


async def test_any_typed_text_is_verified_without_error(hasher: Argon2PasswordHasher) -> None:
    password_hash = await hasher.hash(Password("correct horse"))

    assert not await hasher.verify("lone \ud800 surrogate \x00", password_hash)


async def test_the_default_is_argon2id_with_the_rfc_9106_low_memory_profile() -> None:
    password_hash = await Argon2PasswordHasher(HashingThreads(1, 1)).hash(Password("correct horse"))

    assert password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
