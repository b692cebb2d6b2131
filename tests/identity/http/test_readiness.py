import httpx


async def test_readiness_includes_the_identity_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["identity-database"] == "ok"
