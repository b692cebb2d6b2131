"""In the monolith, a consumer group that fails on every event holds up no other.

Notifications' database loses its inbox table while the monolith runs, so every batch its group
is handed fails, and keeps failing. Messages sent meanwhile still reach the participants' sockets
(realtime's group) and the history (messaging's read models), in order, while /metrics shows
notifications falling behind alone.
"""

import sqlite3
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from tests.api import ChatApi
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page, sent
from tests.realtime.live import live_settings, opened, serve_live_monolith

MESSAGES = 8


async def lag(api: ChatApi) -> dict[str, float]:
    """Each consumer group's `event_consumer_lag_events`, as /metrics shows it."""
    metrics = (await api.client.get("/metrics")).text
    return {
        sample.labels["group"]: sample.value
        for family in text_string_to_metric_families(metrics)
        if family.name == "event_consumer_lag_events"
        for sample in family.samples
    }


async def test_a_group_that_keeps_failing_holds_up_no_other(tmp_path: Path) -> None:
    async with serve_live_monolith(live_settings(tmp_path)) as monolith:
        alice, bob = await monolith.api.sign_up(), await monolith.api.sign_up()
        group_id = await create_group(alice, bob)
        await eventually(lambda: page(bob, group_id))  # messaging has heard of the group
        with sqlite3.connect(tmp_path / "notifications.db") as database:
            database.execute("DROP TABLE notifications_inbox")

        async with opened(monolith.ws_url, bob) as bobs_socket:
            sent_ids = [
                (await sent(alice, group_id, f"@{bob.username} number {n}"))["id"] for n in range(MESSAGES)
            ]

            delivered = [(await bobs_socket.receive_data("message.created"))["id"] for _ in range(MESSAGES)]
            assert delivered == sent_ids
        assert [message["id"] for message in (await page(bob, group_id))["items"]] == sent_ids

        async def notifications_alone_behind() -> None:
            behind = await lag(monolith.api)
            assert behind["notifications"] > 0, behind
            assert behind["realtime"] == behind["messaging"] == 0, behind

        await eventually(notifications_alone_behind)
