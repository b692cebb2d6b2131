"""One of two realtime instances killed (-9) while messages flow: its members' sockets drop,
reconnect through the gateway to the survivor and resume from their cursors, so every message
still reaches every member exactly once, in order."""

from functools import partial

import pytest

from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page
from tests.resilience.traffic import Traffic
from tests.services import Services

RECEIVED_BEFORE_THE_KILL = 10
ANSWERED_AFTER_THE_KILL = 15


@pytest.mark.parametrize("services", [{"realtime": 2}], indirect=True)
async def test_the_members_of_a_killed_realtime_instance_resume_on_the_other_with_no_gap(
    services: Services,
) -> None:
    # The gateway deals sockets out in turn, so four members put two on each instance.
    members = [await services.api.sign_up() for _ in range(4)]
    conversation_id = await create_group(*members)
    await eventually(partial(page, members[0], conversation_id))  # messaging has heard of the group
    async with Traffic(services.ws_url, members, conversation_id) as traffic:
        await traffic.received(RECEIVED_BEFORE_THE_KILL)
        await services.processes["realtime-2"].kill()
        await traffic.answered_more(ANSWERED_AFTER_THE_KILL)
        await traffic.delivered()
        assert traffic.reconnections >= 2
