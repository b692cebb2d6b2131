from contexts.notifications.domain.preview import PREVIEW_MAX_LENGTH, preview_of


def test_a_short_body_is_its_own_preview_on_one_line() -> None:
    assert preview_of("hello\n\tthere  Bob ") == "hello there Bob"


def test_a_long_body_is_cut_after_its_last_whole_word_with_an_ellipsis() -> None:
    assert preview_of("abcdefg " * 30) == ("abcdefg " * 12).strip() + "…"
    assert preview_of("word " * 40) == ("word " * 20).strip() + "…"
    assert len(preview_of("word " * 40)) == PREVIEW_MAX_LENGTH


def test_a_very_long_word_is_cut_inside_to_fill_the_preview() -> None:
    assert preview_of("x" * 300) == "x" * (PREVIEW_MAX_LENGTH - 1) + "…"


def test_a_cut_keeps_accents_and_emoji_sequences_whole() -> None:
    accented = "e\u0301" * 100  # e and a combining acute accent
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 40  # emoji joined by zero-width joiners
    thumbs = "\U0001f44d\U0001f3fd" * 100  # thumbs up, medium skin tone

    assert preview_of(accented) == "e\u0301" * 49 + "…"
    assert preview_of(family) == "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 19 + "…"
    assert preview_of(thumbs) == "\U0001f44d\U0001f3fd" * 49 + "…"


def test_exactly_the_longest_preview_is_not_shortened() -> None:
    body = "y" * PREVIEW_MAX_LENGTH

    assert preview_of(body) == body


def test_a_message_of_files_alone_is_previewed_by_their_names() -> None:
    assert preview_of("", ["cat.png", "notes.txt"]) == "📎 cat.png, notes.txt"
    assert preview_of("look", ["cat.png"]) == "look"
    assert preview_of("", ["x" * 200]).endswith("…")
