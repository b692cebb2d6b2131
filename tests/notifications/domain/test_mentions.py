from uuid import UUID

import pytest

from contexts.notifications.domain.mentions import Mentions
from kernel.ids import new_id


def spellings(body: str) -> list[tuple[str, ...]]:
    return list(Mentions.in_body(body).spellings)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("@bob", [("bob",)]),
        ("hi @bob, how are you", [("bob",)]),
        ("(@bob)", [("bob",)]),
        ("@bob's turn", [("bob",)]),
        ("@bob: look", [("bob",)]),
        ("thanks @bob!", [("bob",)]),
        ("ask @Bob or @ALICE", [("bob",), ("alice",)]),
        ("@bob.smith and @b_o-b", [("bob.smith",), ("b_o-b",)]),
        ("line one\n@bob", [("bob",)]),
        ("«@bob»", [("bob",)]),
    ],
)
def test_a_mention_is_an_at_sign_and_a_username_in_any_case(
    body: str, expected: list[tuple[str, ...]]
) -> None:
    assert spellings(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "write to bob@example.com",
        "a@b.c",
        "x.@bob",
        "x-@bob",
        "@@bob",
        "@bob@example.com",
        "@bo",
        "@" + "b" * 33,
        "@bobé",
        "@\u212abob",  # the Kelvin sign, which lower-cases to an ASCII k
        "@ bob",
        "@",
        "bob",
    ],
)
def test_e_mail_addresses_and_what_no_username_can_be_mention_nobody(body: str) -> None:
    assert spellings(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("thanks @bob.", [("bob.", "bob")]),
        ("is it @bob...", [("bob...", "bob")]),
        ("@bob-", [("bob-", "bob")]),
        ("@bob_", [("bob_",)]),
        ("@ab.", [("ab.",)]),
    ],
)
def test_a_trailing_full_stop_or_dash_may_end_the_sentence_rather_than_the_name(
    body: str, expected: list[tuple[str, ...]]
) -> None:
    assert spellings(body) == expected


def test_the_name_typed_in_full_wins_over_the_one_without_its_trailing_punctuation() -> None:
    bob, bob_dot = new_id(), new_id()
    mentions = Mentions.in_body("thanks @bob.")

    assert mentions.usernames == {"bob.", "bob"}
    assert mentions.of({"bob": bob}) == {bob}
    assert mentions.of({"bob": bob, "bob.": bob_dot}) == {bob_dot}


def test_names_nobody_goes_by_mention_nobody_and_a_name_twice_mentions_once() -> None:
    bob = new_id()
    known: dict[str, UUID] = {"bob": bob}

    assert Mentions.in_body("@bob and @BOB and @nobody").of(known) == {bob}
    assert Mentions.in_body("@nobody").of(known) == frozenset()
