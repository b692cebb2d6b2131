"""Groups and messaging as separate services over the broker: membership decides who may post.

Messaging learns a group's members only from groups' integration events. A member added to a
group may post in its conversation; once removed they may not; and delivering every event a
second time changes nothing.
"""

from typing import Any

from tests.api import User
from tests.eventually import eventually
from tests.kafka_tools import count_records, redeliver_everything, wait_until_consumed
from tests.services import Services


async def post(user: User, conversation_id: str, text: str) -> Any:
    return await user.client.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"client_message_id": text, "body": text}
    )


async def test_membership_flows_from_groups_to_messaging_over_the_broker(
    services: Services, kafka_bootstrap: str
) -> None:
    owner = await services.api.sign_up("owner")
    member = await services.api.sign_up("member")

    async def create_group() -> str:
        response = await owner.client.post("/api/v1/groups", json={"name": "Crew"})
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    group_id = await eventually(create_group)

    async def add_member() -> None:
        response = await owner.client.post(f"/api/v1/groups/{group_id}/members", json={"user_id": member.id})
        assert response.status_code == 201, response.text  # 422 until groups has heard of the member

    await eventually(add_member)

    async def member_posts(text: str) -> dict[str, Any]:
        response = await post(member, group_id, text)
        assert response.status_code == 201, response.text
        return dict(response.json())

    first = await eventually(lambda: member_posts("hello"))
    assert first["seq"] == 1

    removed = await owner.client.delete(f"/api/v1/groups/{group_id}/members/{member.id}")
    assert removed.status_code == 204

    async def member_is_refused() -> None:
        response = await post(member, group_id, "still here?")
        assert response.status_code == 404, response.text

    await eventually(member_is_refused)
    before = await post(owner, group_id, "before the redelivery")
    assert before.status_code == 201, before.text

    prefix = services.kafka_topic_prefix
    consumed = [f"{prefix}identity", f"{prefix}groups"]
    published_by_messaging = await count_records(kafka_bootstrap, f"{prefix}messaging")
    assert await redeliver_everything(kafka_bootstrap, consumed) > 0
    await wait_until_consumed(kafka_bootstrap, f"{prefix}messaging", consumed)
    await member_is_refused()
    by_owner = await post(owner, group_id, "after the redelivery")
    assert by_owner.status_code == 201, by_owner.text
    assert by_owner.json()["seq"] == before.json()["seq"] + 1

    # Messaging publishes in outbox order: anything the redelivery had made it publish would come
    # out before the event of the owner's message, the only one it had cause to publish.
    async def owners_message_published() -> int:
        published = await count_records(kafka_bootstrap, f"{prefix}messaging")
        assert published > published_by_messaging
        return published

    assert await eventually(owners_message_published) == published_by_messaging + 1
