"""Every route of notifications answers bad input and missing tokens with problems."""

from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import ChatApi
from tests.messaging.http.chat import direct_conversation, sent
from tests.notifications.http.inbox import listed_once
from tests.problems import assert_problem

ROUTES = [
    ("GET", "/api/v1/notifications", None),
    ("POST", f"/api/v1/notifications/{new_id()}/read", None),
    ("POST", "/api/v1/notifications/read-all", None),
    ("PUT", f"/api/v1/notifications/preferences/{new_id()}", {"muted": True}),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
async def test_every_route_wants_an_access_token(
    module_monolith: ChatApi, method: str, path: str, body: dict[str, Any] | None
) -> None:
    assert_problem(await module_monolith.client.request(method, path, json=body), 401)


async def test_reading_someone_elses_or_an_unknown_notification_is_not_found(
    module_monolith: ChatApi,
) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    conversation_id = await direct_conversation(alice, bob)
    await sent(alice, conversation_id, "hello")
    [notification] = (await listed_once(bob, lambda listing: listing["unread_count"] == 1))["items"]

    assert_problem(await alice.client.post(f"/api/v1/notifications/{notification['id']}/read"), 404)
    assert_problem(await bob.client.post(f"/api/v1/notifications/{new_id()}/read"), 404)
    await listed_once(bob, lambda listing: listing["unread_count"] == 1)


@pytest.mark.parametrize(
    "query", ["?limit=0", "?limit=101", "?limit=many", "?limit=1.5", "?unread=perhaps", "?unread="]
)
async def test_a_malformed_listing_query_is_a_422_problem(module_monolith: ChatApi, query: str) -> None:
    user = await module_monolith.sign_up()

    assert_problem(await user.client.get(f"/api/v1/notifications{query}"), 422)


@pytest.mark.parametrize("path", ["/api/v1/notifications/not-an-id/read", "/api/v1/notifications/1/read"])
async def test_a_malformed_notification_id_is_a_422_problem(module_monolith: ChatApi, path: str) -> None:
    user = await module_monolith.sign_up()

    assert_problem(await user.client.post(path), 422)


@pytest.mark.parametrize(
    ("conversation_id", "body"),
    [
        (str(new_id()), {}),
        (str(new_id()), {"muted": None}),
        (str(new_id()), {"muted": "yes"}),
        (str(new_id()), {"muted": 1}),
        (str(new_id()), []),
        ("not-an-id", {"muted": True}),
    ],
)
async def test_a_malformed_preference_is_a_422_problem(
    module_monolith: ChatApi, conversation_id: str, body: Any
) -> None:
    user = await module_monolith.sign_up()

    answer = await user.client.put(f"/api/v1/notifications/preferences/{conversation_id}", json=body)

    assert_problem(answer, 422)
