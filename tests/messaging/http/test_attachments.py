"""Sending files with a message: the answer, the timeline and the conversation list show them, and a
deletion takes them away; what may not be attached is a 422 problem on `attachment_ids`."""

from typing import Any

import pytest

from contexts.messaging.domain.attachment import ATTACHMENTS_PER_MESSAGE
from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.files import png
from tests.messaging.http.chat import direct_conversation, listed, message_path, page
from tests.messaging.http.uploads import attachable
from tests.problems import assert_problem

Chat = tuple[User, User, str]


@pytest.fixture
async def chat(monolith: ChatApi) -> Chat:
    alice, bob = [await monolith.sign_up(name) for name in ("alice", "bob")]
    return alice, bob, await direct_conversation(alice, bob)


async def send(
    user: User, conversation_id: str, body: str, attachment_ids: list[Any], client_id: str = "c-1"
) -> Any:
    return await user.client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"client_message_id": client_id, "body": body, "attachment_ids": attachment_ids},
    )


async def test_a_message_with_files_shows_them_in_the_answer_the_timeline_and_the_list(chat: Chat) -> None:
    alice, bob, conversation_id = chat
    photo, other = (
        await attachable(alice, png(), "cat.png"),
        await attachable(alice, png(), "ré sumé.png"),
    )

    response = await send(alice, conversation_id, "", [photo["id"], other["id"]])

    assert response.status_code == 201, response.text
    message = response.json()
    assert (message["body"], message["attachments"]) == ("", [photo, other])

    async def shown() -> None:
        timeline = (await page(bob, conversation_id))["items"]
        assert [message["attachments"] for message in timeline] == [[photo, other]]
        summaries = await listed(bob)
        assert [summary["last_message"]["attachments"] for summary in summaries] == [[photo, other]]

    await eventually(shown)
    again = await send(alice, conversation_id, "", [photo["id"], other["id"]])
    assert (again.status_code, again.json()) == (200, message)


async def test_a_deleted_message_shows_no_files(chat: Chat) -> None:
    alice, bob, conversation_id = chat
    photo = await attachable(alice, png(), "cat.png")
    message = (await send(alice, conversation_id, "look", [photo["id"]])).json()
    assert (await bob.client.get(f"/api/v1/uploads/{photo['id']}")).status_code == 200

    deleted = await alice.client.delete(message_path(conversation_id, message["id"]))

    assert deleted.status_code == 204
    assert_problem(await bob.client.get(f"/api/v1/uploads/{photo['id']}"), 404)

    async def gone() -> None:
        timeline = (await page(bob, conversation_id))["items"]
        assert [(message["deleted"], message["attachments"]) for message in timeline] == [(True, [])]

    await eventually(gone)
    reused = await send(alice, conversation_id, "again", [photo["id"]], client_id="c-2")
    assert [error["field"] for error in assert_problem(reused, 422)["errors"]] == ["attachment_ids"]


async def test_files_a_sender_may_not_attach_are_a_422_problem_on_attachment_ids(chat: Chat) -> None:
    alice, bob, conversation_id = chat
    bobs = await attachable(bob, png(), "cat.png")
    mine = [(await attachable(alice, png(), "cat.png"))["id"] for _ in range(ATTACHMENTS_PER_MESSAGE + 1)]
    attached = await send(alice, conversation_id, "first", [mine[0]])
    assert attached.status_code == 201

    for attachment_ids in (
        [bobs["id"]],
        [str(new_id())],
        [mine[0]],
        [mine[1], mine[1]],
        [*mine[1:], mine[0]],
    ):
        refused = await send(alice, conversation_id, "x", attachment_ids, client_id=str(new_id()))
        assert [error["field"] for error in assert_problem(refused, 422)["errors"]] == ["attachment_ids"]
    assert [message["seq"] for message in (await page(alice, conversation_id))["items"]] == [1]


@pytest.mark.parametrize("attachment_ids", [[], None, ["not-a-uuid"]])
async def test_an_empty_body_needs_files(chat: Chat, attachment_ids: Any) -> None:
    alice, _, conversation_id = chat

    refused = await send(alice, conversation_id, "", attachment_ids)

    assert_problem(refused, 422)
