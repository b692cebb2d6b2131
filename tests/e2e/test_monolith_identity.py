"""The composed monolith serves identity: a user who signed up can read their own profile."""

from tests.api import ChatApi


async def test_a_signed_up_user_reads_their_profile(monolith: ChatApi) -> None:
    alice = await monolith.sign_up("alice", "Alice")

    response = await alice.client.get("/api/v1/users/me")

    assert response.status_code == 200
    assert response.json()["username"] == "alice"
