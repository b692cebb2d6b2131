"""Messaging killed (-9) in the middle of a stream of sends, then restarted.

Whatever the kill interrupts (a transaction, an answer on its way, an event between the outbox
and the broker), the senders' retries with the same `client_message_id` leave every answered
message in the history exactly once, delivered to every member exactly once.
"""

from functools import partial

from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page
from tests.resilience.traffic import Traffic
from tests.services import Services

ANSWERED_BEFORE_THE_KILL = 15
ANSWERED_AFTER_THE_RESTART = 15


async def test_every_answered_message_survives_a_killed_messaging_exactly_once(services: Services) -> None:
    members = [await services.api.sign_up() for _ in range(3)]
    conversation_id = await create_group(*members)
    await eventually(partial(page, members[0], conversation_id))  # messaging has heard of the group
    async with Traffic(services.ws_url, members, conversation_id) as traffic:
        await traffic.answered_more(ANSWERED_BEFORE_THE_KILL)
        messaging = services.processes["messaging"]
        await messaging.kill()
        await messaging.start()
        await traffic.answered_more(ANSWERED_AFTER_THE_RESTART)
        await traffic.delivered()
        assert traffic.resent, "the kill interrupted no send"
