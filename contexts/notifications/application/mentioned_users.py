from uuid import UUID

from contexts.notifications.domain.mentions import Mentions
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


async def mentioned_users(uow: NotificationsUnitOfWork, body: str) -> frozenset[UUID]:
    """The users `body` names as `@username`, as far as its known users go by them."""
    mentions = Mentions.in_body(body)
    if not mentions.spellings:
        return frozenset()
    return mentions.of(await uow.known_users.ids_of(mentions.usernames))
