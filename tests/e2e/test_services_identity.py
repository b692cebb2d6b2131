"""Identity as its own service: a user who signed up there can read their own profile."""

from tests.services import Services


async def test_a_signed_up_user_reads_their_profile(services: Services) -> None:
    alice = await services.api.sign_up("alice", "Alice")

    response = await alice.client.get("/api/v1/users/me")

    assert response.status_code == 200
    assert response.json()["username"] == "alice"
