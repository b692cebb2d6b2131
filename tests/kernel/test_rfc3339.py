from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import TypeAdapter

from kernel.rfc3339 import rfc3339

_AS_THE_REST_API_RENDERS = TypeAdapter(datetime)


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 25, 2, 39, 56, 646232, tzinfo=UTC),
        datetime(2026, 11, 25, 2, 39, 56, tzinfo=UTC),
        datetime(2026, 11, 25, 4, 39, 56, 1, tzinfo=timezone(timedelta(hours=2))),
    ],
)
def test_events_write_times_as_the_rest_api_does(moment: datetime) -> None:
    utc = moment.astimezone(UTC)
    assert rfc3339(moment) == _AS_THE_REST_API_RENDERS.dump_python(utc, mode="json")
    assert datetime.fromisoformat(rfc3339(moment)) == moment
