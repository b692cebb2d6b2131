from datetime import timedelta

import pytest

from contexts.identity.application.session_tokens import SessionTokens
from contexts.identity.contracts.events import SessionEnded
from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from tests.identity.application.conftest import REFRESH_GRACE, SESSION_LIFETIME, Identity


async def test_a_refresh_hands_out_a_new_pair_for_the_same_session(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, first = signed_in

    second = await identity.refresh_session(first.refresh_token)

    assert second.refresh_token != first.refresh_token
    assert second.user == first.user
    [(version, session)] = identity.database.sessions.values()
    assert (version, len(session.tokens)) == (2, 2)
    assert second.access_token.startswith(f"access:{first.user.id}:{session.id}:")


async def test_within_the_grace_period_the_presented_token_answers_the_same_successor_again(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, first = signed_in
    second = await identity.refresh_session(first.refresh_token)
    identity.clock.advance(REFRESH_GRACE - timedelta(seconds=1))

    again = await identity.refresh_session(first.refresh_token)

    assert again.refresh_token == second.refresh_token
    assert again.access_token != second.access_token
    third = await identity.refresh_session(again.refresh_token)
    [(_, session)] = identity.database.sessions.values()
    assert session.revoked_at is None
    assert session.tokens == {session.current_token, session.previous_token, *session.rotated_tokens}
    assert len(session.tokens) == 3
    assert third.refresh_token not in (first.refresh_token, second.refresh_token)


async def test_after_the_grace_period_presenting_the_token_again_revokes_the_session(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, first = signed_in
    second = await identity.refresh_session(first.refresh_token)
    identity.clock.advance(REFRESH_GRACE)

    with pytest.raises(RefreshTokenReusedError):
        await identity.refresh_session(first.refresh_token)

    with pytest.raises(RefreshTokenRefusedError):
        await identity.refresh_session(second.refresh_token)
    [(_, session)] = identity.database.sessions.values()
    assert session.revoked_at == identity.clock.now()


async def test_a_reuse_tells_other_contexts_the_session_ended(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, first = signed_in
    second = await identity.refresh_session(first.refresh_token)
    await identity.refresh_session(second.refresh_token)

    with pytest.raises(RefreshTokenReusedError):
        await identity.refresh_session(first.refresh_token)  # two exchanges ago: no grace for it

    [(_, session)] = identity.database.sessions.values()
    ended = [SessionEnded.from_event(e) for e in identity.database.outbox if e.type == SessionEnded.TYPE]
    assert ended == [SessionEnded(user_id=str(first.user.id), session_id=str(session.id))]


async def test_an_unknown_token_is_refused(signed_in: tuple[Identity, SessionTokens]) -> None:
    identity, _ = signed_in

    with pytest.raises(RefreshTokenRefusedError):
        await identity.refresh_session("made-up")


async def test_a_token_is_refused_once_the_session_lifetime_is_over(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, first = signed_in
    second = await identity.refresh_session(first.refresh_token)

    identity.clock.advance(SESSION_LIFETIME)

    with pytest.raises(RefreshTokenRefusedError):
        await identity.refresh_session(second.refresh_token)


async def test_of_two_racing_refreshes_with_one_token_both_get_the_same_successor(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, first = signed_in
    won: list[SessionTokens] = []

    async def concurrent_refresh() -> None:
        won.append(await identity.refresh_session(first.refresh_token))

    identity.database.before_next_session_save = concurrent_refresh

    lost = await identity.refresh_session(first.refresh_token)

    [winner] = won
    assert lost.refresh_token == winner.refresh_token
    [(version, session)] = identity.database.sessions.values()
    assert (version, session.revoked_at) == (2, None)
