import hashlib

from contexts.identity.domain.refresh_token import RefreshToken, new_rotation_key


def test_tokens_are_long_random_and_unique() -> None:
    tokens = {RefreshToken.issue().value for _ in range(100)}

    assert len(tokens) == 100
    assert all(len(token) >= 43 for token in tokens)


def test_only_the_sha256_digest_is_kept() -> None:
    token = RefreshToken.issue()

    assert token.digest == hashlib.sha256(token.value.encode()).hexdigest()
    assert token.value not in repr(token)


def test_any_presented_text_has_a_digest() -> None:
    assert len(RefreshToken("lone \ud800 surrogate").digest) == 64


def test_a_successor_is_derived_from_the_token_and_the_key_alone() -> None:
    token, key, other_key = RefreshToken.issue(), new_rotation_key(), new_rotation_key()

    assert token.successor(key) == token.successor(key)
    assert token.successor(key) != token.successor(other_key)
    assert token.successor(key) != RefreshToken.issue().successor(key)
    assert len(token.successor(key).value) == len(token.value) == 43
