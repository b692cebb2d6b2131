from datetime import UTC, datetime, timedelta

import pytest

from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from contexts.identity.domain.refresh_token import TokenDigest
from contexts.identity.domain.session import Session
from kernel.ids import new_id

NOW = datetime(2025, 1, 1, tzinfo=UTC)
LIFETIME = timedelta(days=30)
FIRST, SECOND, THIRD = TokenDigest("first"), TokenDigest("second"), TokenDigest("third")


def started() -> Session:
    return Session.start(new_id(), FIRST, NOW, LIFETIME)


def test_a_new_session_holds_one_token_and_lasts_its_lifetime() -> None:
    session = started()

    assert session.tokens == {FIRST}
    assert session.expires_at == NOW + LIFETIME
    assert session.is_active(NOW)


def test_rotation_replaces_the_current_token_and_keeps_the_old_one_as_rotated() -> None:
    session = started()

    session.rotate(FIRST, SECOND, NOW)

    assert session.current_token == SECOND
    assert session.rotated_tokens == {FIRST}
    session.rotate(SECOND, THIRD, NOW)
    assert session.tokens == {FIRST, SECOND, THIRD}


def test_a_rotated_token_presented_again_revokes_the_whole_session() -> None:
    session = started()
    session.rotate(FIRST, SECOND, NOW)

    with pytest.raises(RefreshTokenReusedError):
        session.rotate(FIRST, THIRD, NOW)

    assert session.revoked_at == NOW
    assert session.current_token == SECOND
    with pytest.raises(RefreshTokenRefusedError):
        session.rotate(SECOND, THIRD, NOW)


def test_a_token_of_no_family_member_is_refused_without_revoking() -> None:
    session = started()

    with pytest.raises(RefreshTokenRefusedError) as refused:
        session.rotate(THIRD, SECOND, NOW)

    assert not isinstance(refused.value, RefreshTokenReusedError)
    assert session.is_active(NOW)


def test_an_expired_session_refuses_even_its_current_token() -> None:
    session = started()
    expiry = NOW + LIFETIME

    assert session.is_active(expiry - timedelta(seconds=1))
    with pytest.raises(RefreshTokenRefusedError):
        session.rotate(FIRST, SECOND, expiry)
    assert session.current_token == FIRST


def test_a_revoked_session_refuses_its_current_token() -> None:
    session = started()

    session.revoke(NOW)

    assert not session.is_active(NOW)
    with pytest.raises(RefreshTokenRefusedError):
        session.rotate(FIRST, SECOND, NOW)


def test_revoking_again_keeps_the_first_revocation_time() -> None:
    session = started()
    session.revoke(NOW)

    session.revoke(NOW + timedelta(hours=1))

    assert session.revoked_at == NOW
