import pytest

from kernel.mentions import mentions_everyone


@pytest.mark.parametrize(
    "text", ["@all", "hi @all!", "@ALL look", "@everyone", "thanks @all.", "(@all)", "@bob and @all"]
)
def test_at_all_or_at_everyone_mentions_everyone(text: str) -> None:
    assert mentions_everyone(text)


@pytest.mark.parametrize(
    "text",
    ["all of you", "write to all@example.com", "x@all", "@allison", "@all@example.com", "@everyones", ""],
)
def test_a_longer_name_or_an_at_sign_inside_a_word_does_not(text: str) -> None:
    assert not mentions_everyone(text)
