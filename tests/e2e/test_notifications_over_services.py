"""Notifications as a service of its own: it learns everything from the other services' events
over the broker, and its `notification_created` reaches the recipient's socket through realtime.

The notifications of one user are published in order, so a frame that should not have been sent
would come before the next one that should.
"""

from tests.kafka_tools import count_records, redeliver_everything, wait_until_consumed
from tests.messaging.http.chat import create_group, direct_conversation, sent
from tests.notifications.http.inbox import about, listed
from tests.realtime.live import opened
from tests.services import Services


async def test_notifications_reach_the_route_and_the_recipients_socket_once_each(
    services: Services, kafka_bootstrap: str
) -> None:
    alice, bob = await services.api.sign_up("alice"), await services.api.sign_up("bob")
    prefix = services.kafka_topic_prefix
    consumed = [f"{prefix}identity", f"{prefix}groups", f"{prefix}messaging"]
    notifications_service = f"{prefix}notifications"  # its consumer group, and the topic it publishes to
    # A mention names a username, which notifications learns from identity's events.
    await wait_until_consumed(kafka_bootstrap, notifications_service, consumed[:1])
    async with opened(services.ws_url, alice) as alices:
        group_id = await create_group(bob, alice, within=30)
        told = await alices.receive_each("group.updated", "conversation.created", "notification.created")
        added = told["notification.created"]
        assert (about(added), added["preview"]) == (("added_to_group", group_id, None, bob.id), "Crew")

        mention = await sent(bob, group_id, "@alice, the plan?")
        mentioned = await alices.receive_next("notification.created")
        assert about(mentioned) == ("mention", group_id, mention["id"], bob.id)

        direct_id = await direct_conversation(bob, alice)
        message = await sent(bob, direct_id, "hello")
        direct = await alices.receive_next("notification.created")
        assert about(direct) == ("direct_message", direct_id, message["id"], bob.id)

        muted = await alice.client.put(f"/api/v1/notifications/preferences/{direct_id}", json={"muted": True})
        assert (muted.status_code, muted.json()) == (200, {"conversation_id": direct_id, "muted": True})
        await sent(bob, direct_id, "still there?")
        mention_while_muted = await sent(bob, direct_id, "@alice still there?")
        mentioned_while_muted = await alices.receive_next("notification.created")
        assert about(mentioned_while_muted) == ("mention", direct_id, mention_while_muted["id"], bob.id)

        newest_first = [mentioned_while_muted, direct, mentioned, added]
        assert await listed(alice) == {"items": newest_first, "unread_count": 4}
        assert await listed(bob) == {"items": [], "unread_count": 0}

        # Notifications publishes in outbox order: anything the redelivery had made it publish
        # would come out before the event of the next mention, the only one it had cause to publish.
        published = await count_records(kafka_bootstrap, notifications_service)
        assert await redeliver_everything(kafka_bootstrap, consumed) > 0
        await wait_until_consumed(kafka_bootstrap, notifications_service, consumed)
        assert await listed(alice) == {"items": newest_first, "unread_count": 4}
        after = await sent(bob, direct_id, "@alice one more")
        assert (await alices.receive_next("notification.created"))["message_id"] == after["id"]
        assert await count_records(kafka_bootstrap, notifications_service) == published + 1
