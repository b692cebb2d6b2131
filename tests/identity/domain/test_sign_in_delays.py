from datetime import timedelta

from contexts.identity.domain.sign_in_delays import SignInDelays


def test_the_free_attempts_wait_for_nothing_then_each_failure_doubles_the_wait_up_to_the_ceiling() -> None:
    delays = SignInDelays(free_attempts=3, ceiling=timedelta(seconds=10))

    assert [delays.after(attempts).total_seconds() for attempts in range(10)] == [
        0,
        0,
        0,
        1,
        2,
        4,
        8,
        10,
        10,
        10,
    ]
    assert delays.after(10_000) == timedelta(seconds=10)
