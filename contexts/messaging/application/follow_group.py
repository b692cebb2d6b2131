from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.group_change import GroupChange
from contexts.messaging.domain.group_snapshot import GroupSnapshot
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock
from kernel.versions import VersionGapError


class FollowGroup:
    """Keep a group's conversation in step with the group: an event handler, fed by the adapter
    that translates groups' events into a whole group (its creation) or one change."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, group: GroupSnapshot | GroupChange, uow: MessagingUnitOfWork) -> None:
        now = self._clock.now()
        conversation = await uow.conversations.get_for_update(group.group_id)
        if conversation is None:
            if isinstance(group, GroupChange):
                raise VersionGapError(f"the conversation of group {group.group_id}", 0, group.version)
            conversation = Conversation.of_group(group, now)
            await uow.conversations.add(conversation)
        else:
            if isinstance(group, GroupChange):
                conversation.apply(group, now)
            else:
                conversation.follow(group, now)
            await uow.conversations.save(conversation)
        publish_events(uow, conversation)
