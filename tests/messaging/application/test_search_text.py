import pytest
from hypothesis import given
from hypothesis import strategies as st

from contexts.messaging.application.search_text import (
    SEARCH_TEXT_MAX_LENGTH,
    TERMS_MAX,
    SearchText,
    search_text,
)
from kernel.errors import InvalidValueError


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hello", SearchText(words=("hello",), phrases=(), usernames=())),
        ("Hello, World!", SearchText(words=("hello", "world"), phrases=(), usernames=())),
        ('"See you" soon', SearchText(words=("soon",), phrases=(("see", "you"),), usernames=())),
        ('lunch "see you', SearchText(words=("lunch",), phrases=(("see", "you"),), usernames=())),
        ('"lunch"', SearchText(words=("lunch",), phrases=(), usernames=())),
        ("from:@Alice", SearchText(words=(), phrases=(), usernames=("alice",))),
        (
            "plan from:@alice FROM:@bob from:@alice",
            SearchText(words=("plan",), phrases=(), usernames=("alice", "bob")),
        ),
        ("snake_case and and", SearchText(words=("snake", "case", "and"), phrases=(), usernames=())),
        ("café ünïcode", SearchText(words=("café", "ünïcode"), phrases=(), usernames=())),
        ('"from:@alice"', SearchText(words=(), phrases=(("from", "alice"),), usernames=())),
    ],
)
def test_words_phrases_and_senders_are_read_from_the_text(typed: str, read: SearchText) -> None:
    assert search_text(typed) == read


@pytest.mark.parametrize("typed", ["", "   ", "?!", '""', '" "', "_ - _"])
def test_a_text_that_leaves_nothing_to_search_for_is_refused_on_q(typed: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        search_text(typed)
    assert refused.value.field == "q"


def test_a_search_holds_a_bounded_number_of_terms() -> None:
    words = [f"w{n}" for n in range(TERMS_MAX)]
    assert len(search_text(" ".join(words)).words) == TERMS_MAX
    with pytest.raises(InvalidValueError):
        search_text(" ".join([*words, "one-more"]))
    with pytest.raises(InvalidValueError):
        search_text(" ".join(words[1:]) + ' "two words"')


def test_a_search_text_is_bounded_in_length() -> None:
    with pytest.raises(InvalidValueError):
        search_text("a" * (SEARCH_TEXT_MAX_LENGTH + 1))


@given(st.text(max_size=SEARCH_TEXT_MAX_LENGTH + 20))
def test_any_text_is_read_or_refused_on_q(typed: str) -> None:
    try:
        read = search_text(typed)
    except InvalidValueError as refused:
        refusal = refused
    else:
        assert read.words or read.phrases or read.usernames
        assert all(word == word.lower() and word for word in read.words)
        assert all(len(phrase) > 1 for phrase in read.phrases)
        return
    assert refusal.field == "q"
