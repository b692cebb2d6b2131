import hashlib

from contexts.identity.domain.refresh_token import RefreshToken


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
