import pytest

from contexts.identity.application.session_tokens import SessionTokens
from contexts.identity.contracts.events import SessionEnded
from contexts.identity.domain.errors import RefreshTokenRefusedError
from kernel.ids import new_id
from tests.identity.application.conftest import CLIENT, Identity


async def test_signing_out_revokes_the_session_and_its_refresh_token(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, tokens = signed_in
    [session_id] = identity.database.sessions

    await identity.sign_out(user_id=tokens.user.id, session_id=session_id)

    assert identity.database.sessions[session_id][1].revoked_at == identity.clock.now()
    with pytest.raises(RefreshTokenRefusedError):
        await identity.refresh_session(tokens.refresh_token)


async def test_other_sessions_of_the_user_keep_working(signed_in: tuple[Identity, SessionTokens]) -> None:
    identity, tokens = signed_in
    [session_id] = identity.database.sessions
    other_device = (await identity.sign_in("alice", "correct horse", CLIENT)).tokens

    await identity.sign_out(user_id=tokens.user.id, session_id=session_id)

    assert (await identity.refresh_session(other_device.refresh_token)).user == tokens.user


async def test_signing_out_twice_or_from_an_unknown_session_changes_nothing(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, tokens = signed_in
    [session_id] = identity.database.sessions
    await identity.sign_out(user_id=tokens.user.id, session_id=session_id)

    await identity.sign_out(user_id=tokens.user.id, session_id=session_id)
    await identity.sign_out(user_id=tokens.user.id, session_id=new_id())

    assert identity.database.sessions[session_id][0] == 2


async def test_nobody_ends_another_users_session(signed_in: tuple[Identity, SessionTokens]) -> None:
    identity, tokens = signed_in
    [session_id] = identity.database.sessions

    await identity.sign_out(user_id=new_id(), session_id=session_id)

    assert (await identity.refresh_session(tokens.refresh_token)).user == tokens.user


async def test_signing_out_tells_other_contexts_the_session_ended_once(
    signed_in: tuple[Identity, SessionTokens],
) -> None:
    identity, tokens = signed_in
    [session_id] = identity.database.sessions

    await identity.sign_out(user_id=tokens.user.id, session_id=session_id)
    await identity.sign_out(user_id=tokens.user.id, session_id=session_id)

    ended = [SessionEnded.from_event(e) for e in identity.database.outbox if e.type == SessionEnded.TYPE]
    assert ended == [SessionEnded(user_id=str(tokens.user.id), session_id=str(session_id))]
