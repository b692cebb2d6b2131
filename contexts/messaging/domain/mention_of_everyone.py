"""Mentioning everyone: `@all` in a group's conversation tells every other participant, even
those the message does not otherwise concern, so a large group could be flooded by anyone who
types it (docs/adr/0033-mentions-of-everyone.md).

In a direct conversation `@all` is an ordinary word: the other participant is told of every
message anyway (notifications' `direct_message`), and there is nobody else to tell.
"""

from dataclasses import dataclass
from uuid import UUID

from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.conversation_kind import ConversationKind
from contexts.messaging.domain.errors import MentionOfEveryoneForbiddenError
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.participant_role import ParticipantRole

MODERATORS_ONLY_ABOVE = 15
"""Participants a group may have before only its moderators may mention everyone, unless configured."""


def mentions_everyone(conversation: Conversation, body: MessageBody | None) -> bool:
    """Whether a message of `conversation` saying `body` (None once deleted) mentions everyone."""
    return conversation.kind is ConversationKind.GROUP and body is not None and body.mentions_everyone


@dataclass(frozen=True)
class WhoMayMentionEveryone:
    """Anyone in a group of at most `moderators_only_above` participants; in a larger one, its
    moderators (the group's owners and admins) only."""

    moderators_only_above: int = MODERATORS_ONLY_ABOVE

    def ensure_allowed(self, conversation: Conversation, author_id: UUID, body: MessageBody) -> None:
        """Refuses `author_id`, a participant, writing `body` (sent or edited in) if it mentions
        everyone and they may not. An edit is held to the rule as a send is: it notifies whom it
        newly mentions, so keeping `@all` in a group grown large would reach its new members."""
        if (
            mentions_everyone(conversation, body)
            and len(conversation.participants) > self.moderators_only_above
            and conversation.participants[author_id] is not ParticipantRole.MODERATOR
        ):
            raise MentionOfEveryoneForbiddenError(self.moderators_only_above)
