from datetime import UTC, datetime, timedelta

from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.events import UserProfileChanged, UserRegistered
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def registered() -> User:
    return User.register(Username("alice"), DisplayName("Alice"), "hash", NOW)


def test_registering_raises_user_registered() -> None:
    user = registered()

    assert user.pull_events() == [
        UserRegistered(user_id=user.id, username="alice", display_name="Alice", occurred_at=NOW)
    ]


def test_a_new_display_name_raises_display_name_changed() -> None:
    user = registered()
    user.pull_events()
    later = NOW + timedelta(hours=1)

    user.change_display_name(DisplayName("Alice L."), later)

    assert user.display_name == DisplayName("Alice L.")
    assert user.pull_events() == [
        UserProfileChanged(user_id=user.id, username="alice", display_name="Alice L.", occurred_at=later)
    ]


def test_the_same_display_name_again_changes_nothing() -> None:
    user = registered()
    user.pull_events()

    user.change_display_name(DisplayName("Alice"), NOW)

    assert user.pull_events() == []
