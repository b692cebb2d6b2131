"""Reactions end to end, on the monolith and on the services behind the gateway alike: a reaction
reaches the other participants' sockets and the timeline, and many people reacting to one message
at once neither lose nor double a count."""

import asyncio
from typing import Any

from tests.api import User
from tests.e2e.topologies import Deployment
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, direct_conversation, page, posted, reaction_path, sent
from tests.realtime.live import opened

PEOPLE = 10
ADDED = ["👍", "🎉", "❤️", "🚀", "👀"]
TAKEN_BACK = ["😀", "😃", "😄", "😁", "😆"]
"""Each person adds the first five and takes back the other five, all at once: 100 requests."""


async def first_message(user: User, conversation_id: str) -> dict[str, Any]:
    items = (await page(user, conversation_id))["items"]
    assert items
    message: dict[str, Any] = items[0]
    return message


async def test_a_reaction_reaches_the_other_participant_and_the_timeline(deployment: Deployment) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    async with opened(deployment.ws_url, alice) as alices, opened(deployment.ws_url, bob) as bobs:
        conversation_id = await direct_conversation(alice, bob)
        message = await sent(alice, conversation_id, "lunch?")
        for socket in (alices, bobs):
            await socket.receive_data("conversation.created")
            await socket.receive_data("message.created")

        reacted = await bob.client.put(reaction_path(conversation_id, message["id"], "👍"))
        assert reacted.status_code == 204, reacted.text

        assert await alices.receive_data("message.reactions_changed") == {
            "conversation_id": conversation_id,
            "message_id": message["id"],
            "user_id": bob.id,
            "emoji": "👍",
            "added": True,
            "reactions": [{"emoji": "👍", "count": 1}],
        }

        async def shown() -> None:
            assert (await first_message(alice, conversation_id))["reactions"] == [
                {"emoji": "👍", "count": 1, "me": False}
            ]
            assert (await first_message(bob, conversation_id))["reactions"] == [
                {"emoji": "👍", "count": 1, "me": True}
            ]

        await eventually(shown)


async def test_a_hundred_concurrent_reactions_and_take_backs_lose_and_double_nothing(
    deployment: Deployment,
) -> None:
    owner, *members = [await deployment.api.sign_up() for _ in range(PEOPLE)]
    group_id = await create_group(owner, *members)
    message = await posted(owner, group_id, "react, all of you")
    people = [owner, *members]

    async def react(person: User, emoji: str, method: str) -> int:
        answer = await person.client.request(method, reaction_path(group_id, message["id"], emoji))
        return answer.status_code

    seeded = await asyncio.gather(*(react(person, emoji, "PUT") for person in people for emoji in TAKEN_BACK))
    assert set(seeded) == {204}

    answers = await asyncio.gather(
        *(react(person, emoji, "PUT") for person in people for emoji in ADDED),
        *(react(person, emoji, "DELETE") for person in people for emoji in TAKEN_BACK),
    )

    assert len(answers) == 100
    assert set(answers) == {204}

    async def counted() -> None:
        reactions = (await first_message(members[0], group_id))["reactions"]
        assert {
            reaction["emoji"]: (reaction["count"], reaction["me"]) for reaction in reactions
        } == dict.fromkeys(ADDED, (PEOPLE, True))

    await eventually(counted)
