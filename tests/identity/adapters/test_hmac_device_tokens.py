import string
from datetime import timedelta

import pytest

from contexts.identity.adapters.outbound.hmac_device_tokens import HmacDeviceTokens
from tests.clock import SteppedClock

LIFETIME = timedelta(days=30)
SECRET = b"a secret of the server"


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
def tokens() -> HmacDeviceTokens:
    return HmacDeviceTokens(SECRET, LIFETIME)


def test_a_token_is_recognised_for_its_account_until_it_expires(
    tokens: HmacDeviceTokens, clock: SteppedClock
) -> None:
    token = tokens.issue("alice", clock.now())
    device = tokens.recognise(token, "alice", clock.now())

    assert device is not None
    clock.advance(LIFETIME - timedelta(seconds=1))
    assert tokens.recognise(token, "alice", clock.now()) == device
    clock.advance(timedelta(seconds=1))
    assert tokens.recognise(token, "alice", clock.now()) is None


def test_each_token_has_an_id_of_its_own(tokens: HmacDeviceTokens, clock: SteppedClock) -> None:
    first, second = (tokens.issue("alice", clock.now()) for _ in range(2))

    first_id, second_id = (tokens.recognise(token, "alice", clock.now()) for token in (first, second))

    assert None not in (first_id, second_id)
    assert first_id != second_id


def test_a_token_gives_nothing_for_another_account(tokens: HmacDeviceTokens, clock: SteppedClock) -> None:
    token = tokens.issue("alice", clock.now())

    assert tokens.recognise(token, "bob", clock.now()) is None
    assert tokens.recognise(token, "alicf", clock.now()) is None


def test_a_token_with_any_character_altered_is_not_recognised(
    tokens: HmacDeviceTokens, clock: SteppedClock
) -> None:
    token = tokens.issue("alice", clock.now())

    for position, character in enumerate(token):
        for replacement in {"A", "B", "-", "_"} - {character}:
            altered = token[:position] + replacement + token[position + 1 :]
            assert tokens.recognise(altered, "alice", clock.now()) is None, altered


def test_a_token_of_another_secret_is_not_recognised(tokens: HmacDeviceTokens, clock: SteppedClock) -> None:
    token = HmacDeviceTokens(b"another secret", LIFETIME).issue("alice", clock.now())

    assert tokens.recognise(token, "alice", clock.now()) is None


@pytest.mark.parametrize(
    "made_up", ["", "x", "x" * 74, "x" * 76, "x" * 75, "é" * 75, "+" * 75, "A" * 72 + "==="]
)
def test_made_up_tokens_are_not_recognised(
    tokens: HmacDeviceTokens, clock: SteppedClock, made_up: str
) -> None:
    assert tokens.recognise(made_up, "alice", clock.now()) is None


def test_a_token_spelled_otherwise_is_not_recognised(tokens: HmacDeviceTokens, clock: SteppedClock) -> None:
    token = tokens.issue("alice", clock.now())
    # base64 ignores the lowest bits of the last character, which are 0 in the token as issued.
    alphabet = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
    respelled = token[:-1] + alphabet[alphabet.index(token[-1]) + 1]

    assert tokens.recognise(respelled, "alice", clock.now()) is None
    assert tokens.recognise(token + "=", "alice", clock.now()) is None
    assert tokens.recognise(token + "A", "alice", clock.now()) is None
