"""Who may call which route, for every route of the public API, on the whole monolith.

The table below is docs/api's authorization rules written as data: each route is called by a
user in each relation to one group and its conversation (its owner, an admin, a plain member,
an outsider) and by an anonymous client. What a caller may not see answers 404, so the ids of
others' groups and conversations are not disclosed; what a caller sees but may not change
answers 403; a request without a token answers 401, except on the routes open to anyone.

Every route that lists a 429 is limited per caller: per user on the routes that take a token, per
client address on sign-up and sign-in. On a monolith whose limits are as small as they go, one
caller runs out, and another is answered as if it had not.
"""

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from functools import partial
from itertools import count
from typing import Any
from uuid import uuid4

import pytest

from tests.api import PASSWORD, ChatApi, User
from tests.cast import Cast, cast_of
from tests.eventually import eventually
from tests.messaging.files import png
from tests.messaging.http.chat import direct_conversation, message_path, posted
from tests.messaging.http.uploads import uploaded
from tests.monolith import TIGHT_LIMITS, MonolithApi, serve_monolith
from tests.notifications.http.inbox import listed_once
from tests.problems import assert_problem
from tests.resilience.documented import assert_documented, documented_operations


@dataclass(frozen=True)
class World:
    """What one case acts on: a group of the owner, with an admin and a member, and its conversation."""

    cast: Cast
    direct_id: str
    """The direct conversation of the member and the admin."""
    group_id: str
    message_ids: dict[str, str]
    """By sender: "member" and "admin"."""
    members_notification_id: str
    members_refresh_token: str
    members_upload_id: str
    """An image the member uploaded and posted nowhere, whose thumbnail is made."""
    members_upload_to_post_id: str
    """Another, which only the member may post: the member's case of that row does."""
    admins_posted_upload_id: str
    """A file the admin posted in the group, which its participants read."""


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    """The path as the OpenAPI document writes it."""
    ids: Callable[[World], dict[str, str]] = lambda world: {}
    """The values of the template's ids."""
    body: Callable[[World], Any] = lambda world: None
    query: str = ""
    """Its ids are filled in as the template's are."""
    files: Callable[[World], Any] = lambda world: None
    """Multipart form data, for an upload."""

    def path(self, world: World) -> str:
        return (self.template + self.query).format(**self.ids(world))


ROLES = ("owner", "admin", "member", "outsider", "anonymous")
ANYONE = (200, 200, 200, 200, 200)
SIGNED_IN = (200, 200, 200, 200, 401)

GROUP = "/api/v1/groups/{group_id}"
MEMBER = "/api/v1/groups/{group_id}/members/{user_id}"
CONVERSATION = "/api/v1/conversations/{conversation_id}"
MESSAGE = "/api/v1/conversations/{conversation_id}/messages/{message_id}"
PIN = "/api/v1/conversations/{conversation_id}/pins/{message_id}"
REACTION = f"{MESSAGE}/reactions/{{emoji}}"
SEARCH = "/api/v1/search/messages"
UPLOAD = "/api/v1/uploads/{upload_id}"


def the_group(world: World) -> dict[str, str]:
    return {"group_id": world.group_id}


def the_groups_conversation(world: World) -> dict[str, str]:
    """A group's conversation has the group's id."""
    return {"conversation_id": world.group_id}


def member_of_group(role: str) -> Callable[[World], dict[str, str]]:
    return lambda world: {"group_id": world.group_id, "user_id": getattr(world.cast, role).id}


def message_of(sender: str) -> Callable[[World], dict[str, str]]:
    return lambda world: {"conversation_id": world.group_id, "message_id": world.message_ids[sender]}


def thread_of(sender: str) -> Callable[[World], dict[str, str]]:
    return lambda world: {"conversation_id": world.group_id, "root_id": world.message_ids[sender]}


def the_members_upload(world: World) -> dict[str, str]:
    return {"upload_id": world.members_upload_id}


def reaction_to(sender: str) -> Callable[[World], dict[str, str]]:
    return lambda world: {**message_of(sender)(world), "emoji": "%F0%9F%91%8D"}  # 👍, URL-encoded


MATRIX: dict[str, tuple[Route, tuple[int, int, int, int, int]]] = {
    # name: (route, the status each of ROLES gets, in the order of ROLES)
    # Identity
    "register": (
        Route("POST", "/api/v1/users", body=lambda w: new_registration()),
        (201, 201, 201, 201, 201),
    ),
    "sign in": (
        Route("POST", "/api/v1/sessions", body=lambda w: credentials(w.cast.member)),
        (201, 201, 201, 201, 201),
    ),
    "refresh": (
        Route("POST", "/api/v1/sessions/refresh", body=lambda w: {"refresh_token": w.members_refresh_token}),
        (201, 201, 201, 201, 201),
    ),
    "sign out": (Route("DELETE", "/api/v1/sessions/current"), (204, 204, 204, 204, 401)),
    "read me": (Route("GET", "/api/v1/users/me"), SIGNED_IN),
    "rename me": (Route("PATCH", "/api/v1/users/me", body=lambda w: {"display_name": "Renamed"}), SIGNED_IN),
    "search users": (Route("GET", "/api/v1/users", query="?q=mem&limit=5"), SIGNED_IN),
    "read a user": (
        Route("GET", "/api/v1/users/{user_id}", lambda w: {"user_id": w.cast.member.id}),
        SIGNED_IN,
    ),
    "read the keys": (Route("GET", "/.well-known/jwks.json"), ANYONE),
    # Groups
    "create a group": (
        Route("POST", "/api/v1/groups", body=lambda w: {"name": "Another"}),
        (201, 201, 201, 201, 401),
    ),
    "list groups": (Route("GET", "/api/v1/groups"), SIGNED_IN),
    "read who may add one to groups": (Route("GET", "/api/v1/groups/settings"), SIGNED_IN),
    "choose who may add one to groups": (
        Route("PUT", "/api/v1/groups/settings", body=lambda w: {"who_can_add_me": "everyone"}),
        SIGNED_IN,
    ),
    "read the group": (Route("GET", GROUP, the_group), (200, 200, 200, 404, 401)),
    "rename the group": (
        Route("PATCH", GROUP, the_group, lambda w: {"name": "Renamed"}),
        (200, 200, 403, 404, 401),
    ),
    "add a member": (
        Route("POST", f"{GROUP}/members", the_group, lambda w: {"user_id": w.cast.newcomer.id}),
        (201, 201, 403, 404, 401),
    ),
    "add an admin": (
        Route(
            "POST", f"{GROUP}/members", the_group, lambda w: {"user_id": w.cast.newcomer.id, "role": "admin"}
        ),
        (201, 403, 403, 404, 401),
    ),
    "change a role": (
        Route("PATCH", MEMBER, member_of_group("member"), lambda w: {"role": "admin"}),
        (200, 403, 403, 404, 401),
    ),
    "remove the member, or leave": (
        Route("DELETE", MEMBER, member_of_group("member")),
        (204, 204, 204, 404, 401),
    ),
    "remove the admin, or leave": (
        Route("DELETE", MEMBER, member_of_group("admin")),
        (204, 204, 403, 404, 401),
    ),
    "remove the owner, who may not leave while others remain": (
        Route("DELETE", MEMBER, member_of_group("owner")),
        (409, 403, 403, 404, 401),
    ),
    "delete the group": (Route("DELETE", GROUP, the_group), (204, 403, 403, 404, 401)),
    # Messaging
    "open a direct conversation with the admin": (  # the member has one with the admin already
        Route("POST", "/api/v1/conversations/direct", body=lambda w: {"user_id": w.cast.admin.id}),
        (201, 422, 200, 201, 401),
    ),
    "list conversations": (Route("GET", "/api/v1/conversations"), SIGNED_IN),
    "read the group's conversation": (
        Route("GET", CONVERSATION, the_groups_conversation),
        (200, 200, 200, 404, 401),
    ),
    "read the direct conversation": (
        Route("GET", CONVERSATION, lambda w: {"conversation_id": w.direct_id}),
        (404, 200, 200, 404, 401),
    ),
    "read the messages": (
        Route("GET", f"{CONVERSATION}/messages", the_groups_conversation, query="?limit=10"),
        (200, 200, 200, 404, 401),
    ),
    "send a message": (
        Route(
            "POST",
            f"{CONVERSATION}/messages",
            the_groups_conversation,
            lambda w: {"client_message_id": str(uuid4()), "body": "hello"},
        ),
        (201, 201, 201, 404, 401),
    ),
    "send a message with the member's upload": (
        Route(
            "POST",
            f"{CONVERSATION}/messages",
            the_groups_conversation,
            lambda w: {
                "client_message_id": str(uuid4()),
                "body": "",
                "attachment_ids": [w.members_upload_to_post_id],
            },
        ),
        (422, 422, 201, 404, 401),
    ),
    "reply to the admin's message": (
        Route(
            "POST",
            f"{CONVERSATION}/messages",
            the_groups_conversation,
            lambda w: {
                "client_message_id": str(uuid4()),
                "body": "indeed",
                "reply_to": w.message_ids["admin"],
            },
        ),
        (201, 201, 201, 404, 401),
    ),
    "read the thread of the admin's message": (
        Route("GET", f"{CONVERSATION}/threads/{{root_id}}/messages", thread_of("admin"), query="?limit=10"),
        (200, 200, 200, 404, 401),
    ),
    "edit the member's message": (
        Route("PATCH", MESSAGE, message_of("member"), lambda w: {"body": "edited"}),
        (403, 403, 200, 404, 401),
    ),
    # Before the deletions below: a deleted message takes no reactions.
    "react to the member's message": (
        Route("PUT", REACTION, reaction_to("member")),
        (204, 204, 204, 404, 401),
    ),
    "take back a reaction": (Route("DELETE", REACTION, reaction_to("member")), (204, 204, 204, 404, 401)),
    "delete the member's message": (
        Route("DELETE", MESSAGE, message_of("member")),
        (204, 204, 204, 404, 401),
    ),
    "delete the admin's message": (Route("DELETE", MESSAGE, message_of("admin")), (204, 204, 403, 404, 401)),
    "mark read": (
        Route("POST", f"{CONVERSATION}/read", the_groups_conversation, lambda w: {"seq": 1}),
        (204, 204, 204, 404, 401),
    ),
    "list the pins": (
        Route("GET", f"{CONVERSATION}/pins", the_groups_conversation),
        (200, 200, 200, 404, 401),
    ),
    "pin the member's message": (Route("PUT", PIN, message_of("member")), (204, 204, 403, 404, 401)),
    "unpin the member's message": (Route("DELETE", PIN, message_of("member")), (204, 204, 403, 404, 401)),
    "read the edits of the member's message": (
        Route("GET", f"{MESSAGE}/edits", message_of("member")),
        (200, 200, 200, 404, 401),
    ),
    "search messages": (Route("GET", SEARCH, query="?q=from+the"), SIGNED_IN),
    "search the group's conversation": (
        Route("GET", SEARCH, the_groups_conversation, query="?q=from+the&conversation_id={conversation_id}"),
        (200, 200, 200, 404, 401),
    ),
    "upload a file": (
        Route("POST", "/api/v1/uploads", files=lambda w: {"file": ("notes.txt", b"notes", "text/plain")}),
        (201, 201, 201, 201, 401),
    ),
    "read the member's unposted upload": (
        Route("GET", UPLOAD, the_members_upload),
        (404, 404, 200, 404, 401),
    ),
    "read the file the admin posted in the group": (
        Route("GET", UPLOAD, lambda w: {"upload_id": w.admins_posted_upload_id}),
        (200, 200, 200, 404, 401),
    ),
    "read the thumbnail of the member's unposted upload": (
        Route("GET", f"{UPLOAD}/thumbnail", the_members_upload),
        (404, 404, 200, 404, 401),
    ),
    # Notifications
    "list notifications": (Route("GET", "/api/v1/notifications", query="?unread=true&limit=5"), SIGNED_IN),
    "read the member's notification": (
        Route(
            "POST",
            "/api/v1/notifications/{notification_id}/read",
            lambda w: {"notification_id": w.members_notification_id},
        ),
        (404, 404, 204, 404, 401),
    ),
    "read all notifications": (Route("POST", "/api/v1/notifications/read-all"), (204, 204, 204, 204, 401)),
    "mute the group's conversation": (  # alike for everyone, so it discloses nothing
        Route(
            "PUT",
            "/api/v1/notifications/preferences/{conversation_id}",
            the_groups_conversation,
            lambda w: {"muted": True},
        ),
        SIGNED_IN,
    ),
    # Realtime
    "read presence": (
        Route("GET", "/api/v1/presence", query="?user_ids=00000000-0000-4000-8000-000000000000"),
        SIGNED_IN,
    ),
    # Operations
    "alive": (Route("GET", "/healthz"), ANYONE),
    "ready": (Route("GET", "/readyz"), ANYONE),
    "metrics": (Route("GET", "/metrics"), ANYONE),
}

CASES = [
    pytest.param(route, role, status, id=f"{name}-as-{role}")
    for name, (route, statuses) in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


LIMITED = [
    (method, path, operation)
    for method, path, operation in documented_operations()
    if "429" in operation["responses"]
]
PER_USER = [(method, path) for method, path, operation in LIMITED if "security" in operation]
PER_ADDRESS: dict[tuple[str, str], tuple[Callable[[User], Any], Callable[[User], Any]]] = {
    # operation: (what a client sends until it is refused, what a client elsewhere then sends)
    ("POST", "/api/v1/users"): (lambda user: new_registration(), lambda user: new_registration()),
    ("POST", "/api/v1/sessions"): (
        lambda user: {"username": user.username, "password": "not the password"},
        lambda user: credentials(user),
    ),
}
ADDRESSES = (f"192.0.2.{number}" for number in count(1))
"""A new client address for each caller of the tight monolith, whose addresses may sign up once."""


def new_registration() -> dict[str, str]:
    return {"username": f"new-{uuid4().hex[:12]}", "password": PASSWORD, "display_name": "Newly"}


def credentials(user: User) -> dict[str, str]:
    return {"username": user.username, "password": PASSWORD}


@pytest.mark.parametrize(("route", "role", "status"), CASES)
async def test_who_may_call_what(world: World, route: Route, role: str, status: int) -> None:
    client = world.cast.client(role)

    response = await client.request(
        route.method, route.path(world), json=route.body(world), files=route.files(world)
    )

    if status < 400:
        assert response.status_code == status, response.text
    else:
        assert_problem(response, status)


def test_the_matrix_covers_every_documented_operation() -> None:
    """A route added to the API without a row here fails this test, not silently the matrix."""
    covered = {(route.method, route.template) for route, _ in MATRIX.values()}
    assert covered == {(method, path) for method, path, _ in documented_operations()}


async def test_a_member_removed_from_the_group_finds_none_of_its_messages(world: World) -> None:
    """Search looks through the conversations its caller takes part in now, not those they did."""
    member, group_id = world.cast.member, world.group_id

    async def found_by_member() -> list[str]:
        response = await member.client.get(SEARCH, params={"q": "from the member"})
        assert response.status_code == 200, response.text
        return [
            item["message_id"] for item in response.json()["items"] if item["conversation_id"] == group_id
        ]

    async def found_once() -> None:
        assert await found_by_member() == [world.message_ids["member"]]

    await eventually(found_once)
    removed = await world.cast.owner.client.delete(f"/api/v1/groups/{group_id}/members/{member.id}")
    assert removed.status_code == 204, removed.text

    async def found_no_more() -> None:
        assert await found_by_member() == []

    await eventually(found_no_more)
    in_the_group = await member.client.get(
        SEARCH, params={"q": "from the member", "conversation_id": group_id}
    )
    assert_problem(in_the_group, 404)


async def test_a_member_removed_from_the_group_reads_none_of_its_files(world: World) -> None:
    """A file posted in a conversation is read by its participants now, not by those who were."""
    member, group_id = world.cast.member, world.group_id
    file = UPLOAD.format(upload_id=world.admins_posted_upload_id)
    read = await member.client.get(file)
    assert read.status_code == 200, read.text

    removed = await world.cast.owner.client.delete(f"/api/v1/groups/{group_id}/members/{member.id}")
    assert removed.status_code == 204, removed.text

    async def refused() -> None:
        assert_problem(await member.client.get(file), 404)

    await eventually(refused)
    assert (await world.cast.admin.client.get(file)).status_code == 200


@pytest.mark.parametrize(("method", "path"), PER_USER)
async def test_a_user_who_ran_out_holds_back_no_other_user(
    tight: MonolithApi, method: str, path: str
) -> None:
    """The limit is taken before the route reads its ids or body, so the request names nothing that
    exists: the other user is answered what the first was before it ran out (404 or 422)."""
    first_user, other_user = await newcomer(tight), await newcomer(tight)
    made_up = re.sub(r"\{\w+\}", lambda _: str(uuid4()), path)

    before = await first_user.client.request(method, made_up)
    refused = await first_user.client.request(method, made_up)
    others = await other_user.client.request(method, made_up)

    assert before.status_code != 429, before.text
    assert_problem(refused, 429)
    assert_documented(method, path, refused)
    assert others.status_code == before.status_code, others.text


@pytest.mark.parametrize(("method", "path"), PER_ADDRESS)
async def test_an_address_that_ran_out_holds_back_no_other_address(
    tight: MonolithApi, method: str, path: str
) -> None:
    user = await newcomer(tight)
    until_refused, then_elsewhere = PER_ADDRESS[method, path]
    here, elsewhere = (tight.from_address(next(ADDRESSES)).client for _ in range(2))

    before = await here.request(method, path, json=until_refused(user))
    refused = await here.request(method, path, json=until_refused(user))
    answered = await elsewhere.request(method, path, json=then_elsewhere(user))

    assert before.status_code != 429, before.text
    assert_problem(refused, 429)
    assert_documented(method, path, refused)
    assert answered.status_code == 201, answered.text


def test_every_route_that_lists_a_429_is_limited_per_user_or_per_address() -> None:
    """A limited route open to anyone needs a row in PER_ADDRESS, saying how its callers run out."""
    assert {(method, path) for method, path, _ in LIMITED} == {*PER_USER, *PER_ADDRESS}


@pytest.fixture(scope="module")
async def tight(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[MonolithApi]:
    async with serve_monolith(tmp_path_factory.mktemp("tight"), **TIGHT_LIMITS) as api:
        yield api


async def newcomer(api: MonolithApi) -> User:
    """Signed up from an address of its own, the one sign-up that address is allowed."""
    return await api.from_address(next(ADDRESSES)).sign_up(f"newcomer-{uuid4().hex[:12]}")


@pytest.fixture(scope="module")
async def cast(module_monolith: ChatApi) -> Cast:
    return await cast_of(module_monolith)


@pytest.fixture(scope="module")
async def direct_id(cast: Cast) -> str:
    conversation_id = await direct_conversation(cast.member, cast.admin)
    await read_models_show(conversation_id, cast.member, cast.admin)
    return conversation_id


@pytest.fixture(scope="module")
async def members_upload_id(cast: Cast) -> str:
    upload_id = await uploaded(cast.member, png(), "cat.png")

    async def thumbnail_made() -> None:
        response = await cast.member.client.get(f"/api/v1/uploads/{upload_id}/thumbnail")
        assert response.status_code == 200, response.text

    await eventually(thumbnail_made)
    return upload_id


@pytest.fixture(scope="module")
async def members_upload_to_post_id(cast: Cast) -> str:
    return await uploaded(cast.member, png(), "to post.png")


@pytest.fixture
async def world(cast: Cast, direct_id: str, members_upload_id: str, members_upload_to_post_id: str) -> World:
    created = await cast.owner.client.post(
        "/api/v1/groups", json={"name": "Crew", "member_ids": [cast.member.id]}
    )
    assert created.status_code == 201, created.text
    group_id = created.json()["id"]
    added = await cast.owner.client.post(
        f"/api/v1/groups/{group_id}/members", json={"user_id": cast.admin.id, "role": "admin"}
    )
    assert added.status_code == 201, added.text
    members_message = await posted(cast.member, group_id, "from the member")
    admins_message = await posted(cast.admin, group_id, "from the admin")
    await messaging_knows_the_admin_is_one(cast, group_id)
    admins_posted_upload_id = await posted_file(cast.admin, group_id)
    await read_models_show(group_id, cast.owner, cast.admin, cast.member)
    await thread_shown(group_id, admins_message["id"], cast.owner)
    notification = await listed_once(
        cast.member, lambda listing: any(n["conversation_id"] == group_id for n in listing["items"])
    )
    signed_in = await cast.anonymous.post("/api/v1/sessions", json=credentials(cast.member))
    assert signed_in.status_code == 201, signed_in.text
    return World(
        cast,
        direct_id,
        group_id,
        {"member": members_message["id"], "admin": admins_message["id"]},
        next(n["id"] for n in notification["items"] if n["conversation_id"] == group_id),
        signed_in.json()["refresh_token"],
        members_upload_id,
        members_upload_to_post_id,
        admins_posted_upload_id,
    )


async def posted_file(user: User, conversation_id: str) -> str:
    """The id of a file `user` uploaded and posted in the conversation."""
    upload_id = await uploaded(user, b"minutes of the meeting", "minutes.txt")
    sent = await user.client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"client_message_id": str(uuid4()), "body": "", "attachment_ids": [upload_id]},
    )
    assert sent.status_code == 201, sent.text
    return upload_id


async def messaging_knows_the_admin_is_one(cast: Cast, group_id: str) -> None:
    """Messaging hears of the role a moment after groups granted it; an admin deleting works then."""
    probe = await posted(cast.member, group_id, "probe")

    async def deleted() -> None:
        response = await cast.admin.client.delete(message_path(group_id, probe["id"]))
        assert response.status_code == 204, response.text

    await eventually(deleted)


async def thread_shown(conversation_id: str, root_id: str, participant: User) -> None:
    """The read models learn of a message a moment after it was sent; its thread exists then."""

    async def shown() -> None:
        response = await participant.client.get(
            f"/api/v1/conversations/{conversation_id}/threads/{root_id}/messages"
        )
        assert response.status_code == 200, response.text

    await eventually(shown)


async def read_models_show(conversation_id: str, *participants: User) -> None:
    """Reads come from read models, which learn of a conversation a moment after it began."""

    async def shown(user: User) -> None:
        response = await user.client.get(f"/api/v1/conversations/{conversation_id}")
        assert response.status_code == 200, response.text

    for user in participants:
        await eventually(partial(shown, user))
