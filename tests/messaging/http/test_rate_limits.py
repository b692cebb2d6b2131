"""Sends, changes to messages (reactions among them), uploads, searches and changes to groups are
limited per user: a burst, then 429."""

from collections.abc import AsyncIterator

import pytest

from tests.api import ChatApi
from tests.messaging.http.chat import (
    create_group,
    direct_conversation,
    message_path,
    reaction_path,
    send,
    sent,
)
from tests.messaging.http.pins import pin, pin_path
from tests.messaging.http.search import search
from tests.messaging.http.uploads import upload
from tests.monolith import serve_monolith

BURST = 4
SLOWLY = 0.01
"""Tokens per second: one every 100 s, so none comes back while a test runs."""


@pytest.fixture(scope="module")
async def limited(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ChatApi]:
    async with serve_monolith(
        tmp_path_factory.mktemp("limited"),
        message_sends_per_second=SLOWLY,
        message_sends_burst=BURST,
        message_changes_per_second=SLOWLY,
        message_changes_burst=BURST,
        group_changes_per_second=SLOWLY,
        group_changes_burst=BURST,
        uploads_per_second=SLOWLY,
        uploads_burst=BURST,
        searches_per_second=SLOWLY,
        searches_burst=BURST,
    ) as api:
        yield api


async def test_the_send_after_a_burst_is_429_with_retry_after_and_another_user_still_sends(
    limited: ChatApi,
) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()
    conversation_id = await direct_conversation(alice, bob)

    answers = [await send(alice, conversation_id, f"message {n}") for n in range(BURST + 1)]
    bobs = await send(bob, conversation_id, "still here")

    assert [answer.status_code for answer in answers] == [201] * BURST + [429]
    refused = answers[-1]
    assert refused.headers["Retry-After"] == "100"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["detail"] == "Too many message sends; try again in 100 s."
    assert bobs.status_code == 201, bobs.text


async def test_edits_and_deletions_share_one_limit(limited: ChatApi) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()
    conversation_id = await direct_conversation(alice, bob)
    message = await sent(alice, conversation_id)
    path = message_path(conversation_id, message["id"])

    edits = [(await alice.client.patch(path, json={"body": f"edit {n}"})).status_code for n in range(BURST)]
    deletion = await alice.client.delete(path)

    assert edits == [200] * BURST
    assert deletion.status_code == 429, deletion.text


async def test_reactions_count_against_the_limit_of_changes(limited: ChatApi) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()
    conversation_id = await direct_conversation(alice, bob)
    message = await sent(alice, conversation_id)
    path = reaction_path(conversation_id, message["id"], "👍")

    reactions = [(await bob.client.put(path)).status_code for _ in range(BURST - 1)]
    taken_back = await bob.client.delete(path)
    refused = await bob.client.put(path)

    assert (reactions, taken_back.status_code) == ([204] * (BURST - 1), 204)
    assert refused.status_code == 429, refused.text
    assert refused.headers["Retry-After"] == "100"


async def test_changes_to_groups_are_limited(limited: ChatApi) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()
    group_id = await create_group(alice)  # the first change
    renames = [
        (await alice.client.patch(f"/api/v1/groups/{group_id}", json={"name": f"Crew {n}"})).status_code
        for n in range(BURST - 1)
    ]
    added = await alice.client.post(f"/api/v1/groups/{group_id}/members", json={"user_id": bob.id})
    bobs = await bob.client.post("/api/v1/groups", json={"name": "Bob's"})

    assert renames == [200] * (BURST - 1)
    assert added.status_code == 429, added.text
    assert bobs.status_code == 201, bobs.text


async def test_pins_and_unpins_share_the_limit_of_changes(limited: ChatApi) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()
    conversation_id = await direct_conversation(alice, bob)
    message = await sent(alice, conversation_id)

    answers = [(await pin(alice, conversation_id, message["id"])).status_code for _ in range(BURST - 1)]
    unpinned = await alice.client.delete(pin_path(conversation_id, message["id"]))
    refused = await pin(alice, conversation_id, message["id"])

    assert [*answers, unpinned.status_code] == [204] * BURST
    assert refused.status_code == 429, refused.text
    assert refused.headers["Retry-After"] == "100"


async def test_the_upload_after_a_burst_is_429_and_another_user_still_uploads(limited: ChatApi) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()

    answers = [(await upload(alice, f"file {n}".encode())).status_code for n in range(BURST + 1)]
    bobs = await upload(bob, b"still here")

    assert answers == [201] * BURST + [429]
    assert bobs.status_code == 201, bobs.text


async def test_searches_are_limited(limited: ChatApi) -> None:
    alice, bob = await limited.sign_up(), await limited.sign_up()

    answers = [(await search(alice, f"word{n}")).status_code for n in range(BURST)]
    refused = await search(alice, "word")
    bobs = await search(bob, "word")

    assert answers == [200] * BURST
    assert refused.status_code == 429, refused.text
    assert refused.headers["Retry-After"] == "100"
    assert bobs.status_code == 200, bobs.text
