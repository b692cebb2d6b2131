"""Identity's events, translated: a session that ended closes its sockets, on whichever instance.

Access tokens are honoured until they expire (ADR 8); a socket lives for hours, so realtime does
not wait for that: it tells the user's channel, whose sockets of that session close themselves.
"""

from collections.abc import Callable, Mapping
from uuid import UUID

from contexts.identity.contracts import events as identity
from contexts.realtime.application.delivery import Change, Told
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.integration_event import IntegrationEvent


def _session_ended(event: IntegrationEvent) -> Change:
    ended = identity.SessionEnded.from_event(event)
    return Told(Frame(FrameType.SESSION_ENDED, {"session_id": ended.session_id}), {UUID(ended.user_id)})


IDENTITY_CHANGES: Mapping[str, Callable[[IntegrationEvent], Change]] = {
    identity.SessionEnded.TYPE: _session_ended
}
"""What each of identity's event types realtime takes means to it."""
