from uuid import UUID

from contexts.notifications.domain.mentions import Mentions
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


async def mentioned_users(uow: NotificationsUnitOfWork, body: str) -> frozenset[UUID]:
    """The users `body` names as `@username`, as far as the directory knows them."""
    mentions = Mentions.in_body(body)
    if not mentions.spellings:
        return frozenset()
    return mentions.of(await uow.usernames.ids_of(mentions.usernames))
