from datetime import UTC, datetime, timedelta

import pytest

from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.domain.session import Session
from kernel.ids import new_id

NOW = datetime(2025, 1, 1, tzinfo=UTC)
LIFETIME = timedelta(days=30)
GRACE = timedelta(seconds=30)
FIRST = RefreshToken.issue()


def started() -> Session:
    return Session.start(new_id(), FIRST.digest, NOW, LIFETIME)


def test_a_new_session_holds_one_token_and_lasts_its_lifetime() -> None:
    session = started()

    assert session.tokens == {FIRST.digest}
    assert session.expires_at == NOW + LIFETIME
    assert session.is_active(NOW)


def test_a_refresh_replaces_the_current_token_with_its_successor_and_keeps_the_old_one_as_rotated() -> None:
    session = started()

    second = session.refresh(FIRST, NOW, GRACE)

    assert session.current_token == second.digest != FIRST.digest
    assert session.rotated_tokens == {FIRST.digest}
    assert (session.previous_token, session.rotated_at) == (FIRST.digest, NOW)
    third = session.refresh(second, NOW, GRACE)
    assert session.tokens == {FIRST.digest, second.digest, third.digest}


def test_successors_are_secret_to_whoever_lacks_the_sessions_key() -> None:
    one, other = started(), started()

    assert one.refresh(FIRST, NOW, GRACE) != other.refresh(FIRST, NOW, GRACE)


def test_the_token_exchanged_last_answers_the_same_successor_within_the_grace_period() -> None:
    session = started()
    second = session.refresh(FIRST, NOW, GRACE)

    again = session.refresh(FIRST, NOW + GRACE - timedelta(microseconds=1), GRACE)

    assert again == second
    assert session.current_token == second.digest
    assert session.revoked_at is None


def test_after_the_grace_period_the_token_exchanged_last_revokes_the_whole_session() -> None:
    session = started()
    second = session.refresh(FIRST, NOW, GRACE)

    with pytest.raises(RefreshTokenReusedError):
        session.refresh(FIRST, NOW + GRACE, GRACE)

    assert session.revoked_at == NOW + GRACE
    assert session.current_token == second.digest
    with pytest.raises(RefreshTokenRefusedError):
        session.refresh(second, NOW + GRACE, GRACE)


def test_a_token_exchanged_before_the_last_one_revokes_even_within_the_grace_period() -> None:
    session = started()
    second = session.refresh(FIRST, NOW, GRACE)
    session.refresh(second, NOW, GRACE)

    with pytest.raises(RefreshTokenReusedError):
        session.refresh(FIRST, NOW, GRACE)

    assert session.revoked_at == NOW


def test_without_a_grace_period_the_token_exchanged_last_revokes_at_once() -> None:
    session = started()
    session.refresh(FIRST, NOW, timedelta(0))

    with pytest.raises(RefreshTokenReusedError):
        session.refresh(FIRST, NOW, timedelta(0))


def test_a_token_of_no_family_member_is_refused_without_revoking() -> None:
    session = started()

    with pytest.raises(RefreshTokenRefusedError) as refused:
        session.refresh(RefreshToken.issue(), NOW, GRACE)

    assert not isinstance(refused.value, RefreshTokenReusedError)
    assert session.is_active(NOW)


def test_an_expired_session_refuses_even_its_current_token() -> None:
    session = started()
    expiry = NOW + LIFETIME

    assert session.is_active(expiry - timedelta(seconds=1))
    with pytest.raises(RefreshTokenRefusedError):
        session.refresh(FIRST, expiry, GRACE)
    assert session.current_token == FIRST.digest


def test_a_revoked_session_refuses_its_current_token_and_its_last_within_the_grace_period() -> None:
    session = started()
    second = session.refresh(FIRST, NOW, GRACE)

    session.revoke(NOW)

    assert not session.is_active(NOW)
    for token in (FIRST, second):
        with pytest.raises(RefreshTokenRefusedError):
            session.refresh(token, NOW, GRACE)


def test_revoking_again_keeps_the_first_revocation_time() -> None:
    session = started()
    session.revoke(NOW)

    session.revoke(NOW + timedelta(hours=1))

    assert session.revoked_at == NOW
