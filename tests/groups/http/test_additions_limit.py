"""However many people add one user to groups at once, no more than the user's burst get them in;
the rest are answered 429 with `Retry-After`, and other users may still be added."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.api import ChatApi, User
from tests.groups.http.conftest import create_group
from tests.monolith import serve_monolith
from tests.problems import assert_problem
from tests.resilience.documented import assert_documented

BURST = 3
PER_HOUR = 1.0
"""None comes back while a test runs; one more would in 3,600 s."""


async def known_to_groups(*users: User) -> None:
    """Known to groups at once, from a choice: a roll call would put them into a group, which counts."""
    for user in users:
        chosen = await user.client.put("/api/v1/groups/settings", json={"who_can_add_me": "everyone"})
        assert chosen.status_code == 200, chosen.text


@pytest.fixture(scope="module")
async def limited(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ChatApi]:
    async with serve_monolith(
        tmp_path_factory.mktemp("limited"),
        group_additions_per_user_burst=BURST,
        group_additions_per_user_per_hour=PER_HOUR,
    ) as api:
        yield api


async def test_of_many_adding_one_user_at_once_only_the_burst_gets_through(limited: ChatApi) -> None:
    victim, bystander = await limited.sign_up(), await limited.sign_up()
    adders = [await limited.sign_up() for _ in range(3 * BURST)]
    await known_to_groups(victim, bystander)
    groups = [await create_group(adder, "Theirs") for adder in adders]

    answers = await asyncio.gather(
        *(
            adder.client.post(f"/api/v1/groups/{group['id']}/members", json={"user_id": victim.id})
            for adder, group in zip(adders, groups, strict=True)
        )
    )

    assert sorted(answer.status_code for answer in answers) == [201] * BURST + [429] * (2 * BURST)
    for refused in (answer for answer in answers if answer.status_code == 429):
        problem = assert_problem(refused, 429)
        assert refused.headers["Retry-After"] == "3600"
        assert_documented("POST", "/api/v1/groups/{group_id}/members", refused)
        assert problem["detail"] == f"{victim.id} was added to too many groups lately; try again in 3600 s."
    listed = (await victim.client.get("/api/v1/groups")).json()["items"]
    assert len(listed) == BURST
    still = await adders[-1].client.post(
        f"/api/v1/groups/{groups[-1]['id']}/members", json={"user_id": bystander.id}
    )
    assert still.status_code == 201, still.text


async def test_creating_a_group_with_them_counts_and_is_refused_whole(limited: ChatApi) -> None:
    victim, other = await limited.sign_up(), await limited.sign_up()
    creators: list[User] = [await limited.sign_up() for _ in range(BURST + 1)]
    await known_to_groups(victim, other)
    for creator in creators[:BURST]:
        await create_group(creator, "With them", [victim.id])

    refused = await creators[BURST].client.post(
        "/api/v1/groups", json={"name": "One too many", "member_ids": [other.id, victim.id]}
    )

    assert_problem(refused, 429)
    assert refused.headers["Retry-After"] == "3600"
    assert_documented("POST", "/api/v1/groups", refused)
    assert (await creators[BURST].client.get("/api/v1/groups")).json()["items"] == []
