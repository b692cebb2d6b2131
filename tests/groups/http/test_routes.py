"""Each groups route answers as docs/api says, for a caller allowed to use it."""

from datetime import datetime
from uuid import UUID

from tests.api import ChatApi
from tests.cast import Cast
from tests.eventually import eventually
from tests.groups.http.conftest import Json, create_group, roles
from tests.problems import assert_problem


def assert_is_group(group: Json) -> None:
    assert group.keys() == {"id", "name", "owner_id", "members", "created_at"}
    assert UUID(group["id"])
    assert datetime.fromisoformat(group["created_at"]).utcoffset() is not None
    for member in group["members"]:
        assert member.keys() == {"user_id", "role", "joined_at"}
        assert datetime.fromisoformat(member["joined_at"]).utcoffset() is not None


async def test_creating_a_group_answers_it_owned_by_the_caller(cast: Cast) -> None:
    response = await cast.owner.client.post(
        "/api/v1/groups",
        json={"name": "  Book club 📚 ", "member_ids": [cast.member.id, cast.owner.id, cast.member.id]},
    )

    assert response.status_code == 201
    group = response.json()
    assert_is_group(group)
    assert (group["name"], group["owner_id"]) == ("Book club 📚", cast.owner.id)
    assert roles(group) == {cast.owner.id: "owner", cast.member.id: "member"}
    assert group["created_at"] == group["members"][0]["joined_at"]


async def test_member_ids_may_be_left_out(cast: Cast) -> None:
    response = await cast.owner.client.post("/api/v1/groups", json={"name": "Solo"})

    assert response.status_code == 201
    assert roles(response.json()) == {cast.owner.id: "owner"}


async def test_members_read_their_group(cast: Cast, group: Json) -> None:
    response = await cast.member.client.get(f"/api/v1/groups/{group['id']}")

    assert (response.status_code, response.json()) == (200, group)


async def test_a_user_lists_the_groups_they_belong_to_oldest_first(
    module_monolith: ChatApi, cast: Cast
) -> None:
    alice = await module_monolith.sign_up()
    first = await create_group(alice, "First")
    second = await create_group(cast.owner, "Second")
    await create_group(cast.owner, "Not hers")

    async def add_alice() -> Json:
        response = await cast.owner.client.post(
            f"/api/v1/groups/{second['id']}/members", json={"user_id": alice.id}
        )
        assert response.status_code == 201, response.text  # 422 until groups has heard of her
        group: Json = response.json()
        return group

    second = await eventually(add_alice)

    response = await alice.client.get("/api/v1/groups")

    assert response.status_code == 200
    assert response.json() == {
        "items": [{**group, "member_count": len(group["members"])} for group in (first, second)],
        "next_cursor": None,
    }


async def test_the_list_of_groups_comes_in_pages_that_a_cursor_continues(module_monolith: ChatApi) -> None:
    alice = await module_monolith.sign_up()
    created = [(await create_group(alice, f"Group {n}"))["id"] for n in range(5)]

    pages: list[Json] = []
    cursor: dict[str, str] = {}
    while (not pages or pages[-1]["next_cursor"] is not None) and len(pages) < 4:
        response = await alice.client.get("/api/v1/groups", params={"limit": 2, **cursor})
        assert response.status_code == 200, response.text
        pages.append(response.json())
        cursor = {"cursor": pages[-1]["next_cursor"]}

    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert [group["id"] for page in pages for group in page["items"]] == created
    assert_problem(await alice.client.get("/api/v1/groups", params={"cursor": "nonsense"}), 422)


async def test_renaming_answers_the_renamed_group(cast: Cast, group: Json) -> None:
    response = await cast.admin.client.patch(
        f"/api/v1/groups/{group['id']}", json={"name": " Reading circle "}
    )

    assert response.status_code == 200
    assert response.json() == {**group, "name": "Reading circle"}


async def test_adding_a_member_answers_the_group_with_them(cast: Cast, group: Json) -> None:
    response = await cast.admin.client.post(
        f"/api/v1/groups/{group['id']}/members", json={"user_id": cast.newcomer.id}
    )

    assert response.status_code == 201
    assert roles(response.json()) == {**roles(group), cast.newcomer.id: "member"}
    assert (await cast.newcomer.client.get(f"/api/v1/groups/{group['id']}")).json() == response.json()


async def test_the_owner_adds_an_admin(cast: Cast, group: Json) -> None:
    response = await cast.owner.client.post(
        f"/api/v1/groups/{group['id']}/members", json={"user_id": cast.newcomer.id, "role": "admin"}
    )

    assert response.status_code == 201
    assert roles(response.json())[cast.newcomer.id] == "admin"


async def test_adding_a_member_twice_is_a_409(cast: Cast, group: Json) -> None:
    response = await cast.owner.client.post(
        f"/api/v1/groups/{group['id']}/members", json={"user_id": cast.member.id}
    )

    assert_problem(response, 409)


async def test_changing_a_role_answers_the_group(cast: Cast, group: Json) -> None:
    response = await cast.owner.client.patch(
        f"/api/v1/groups/{group['id']}/members/{cast.member.id}", json={"role": "admin"}
    )

    assert response.status_code == 200
    assert roles(response.json()) == {**roles(group), cast.member.id: "admin"}


async def test_the_owner_hands_ownership_over_and_may_then_leave(cast: Cast, group: Json) -> None:
    handed_over = await cast.owner.client.patch(
        f"/api/v1/groups/{group['id']}/members/{cast.member.id}", json={"role": "owner"}
    )
    assert handed_over.status_code == 200
    assert handed_over.json()["owner_id"] == cast.member.id
    assert roles(handed_over.json())[cast.owner.id] == "admin"

    left = await cast.owner.client.delete(f"/api/v1/groups/{group['id']}/members/{cast.owner.id}")

    assert (left.status_code, left.content) == (204, b"")
    assert_problem(await cast.owner.client.get(f"/api/v1/groups/{group['id']}"), 404)


async def test_the_owner_cannot_leave_while_others_remain(cast: Cast, group: Json) -> None:
    response = await cast.owner.client.delete(f"/api/v1/groups/{group['id']}/members/{cast.owner.id}")

    assert_problem(response, 409)


async def test_an_owner_leaving_last_deletes_the_group(cast: Cast) -> None:
    group = await create_group(cast.owner, "Solo")

    response = await cast.owner.client.delete(f"/api/v1/groups/{group['id']}/members/{cast.owner.id}")

    assert response.status_code == 204
    assert_problem(await cast.owner.client.get(f"/api/v1/groups/{group['id']}"), 404)


async def test_a_removed_member_no_longer_sees_the_group(cast: Cast, group: Json) -> None:
    response = await cast.admin.client.delete(f"/api/v1/groups/{group['id']}/members/{cast.member.id}")

    assert (response.status_code, response.content) == (204, b"")
    assert_problem(await cast.member.client.get(f"/api/v1/groups/{group['id']}"), 404)
    assert cast.member.id not in roles((await cast.owner.client.get(f"/api/v1/groups/{group['id']}")).json())


async def test_a_deleted_group_is_gone_for_everyone(cast: Cast, group: Json) -> None:
    response = await cast.owner.client.delete(f"/api/v1/groups/{group['id']}")

    assert (response.status_code, response.content) == (204, b"")
    for user in (cast.owner, cast.admin, cast.member):
        assert_problem(await user.client.get(f"/api/v1/groups/{group['id']}"), 404)
        assert group["id"] not in {g["id"] for g in (await user.client.get("/api/v1/groups")).json()["items"]}


async def test_a_user_who_just_signed_up_can_be_added_once_groups_has_heard_of_them(
    module_monolith: ChatApi, cast: Cast, group: Json
) -> None:
    bob = await module_monolith.sign_up()

    async def add_bob() -> None:
        response = await cast.owner.client.post(
            f"/api/v1/groups/{group['id']}/members", json={"user_id": bob.id}
        )
        assert response.status_code == 201, response.text

    await eventually(add_bob)
