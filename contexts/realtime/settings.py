"""Realtime's settings: its database, and the bounds on its WebSockets, resumes and presence."""

from pydantic import BaseModel, Field

from infra.db.database_url import database_url


class RealtimeSettings(BaseModel):
    realtime_database_url: str = database_url("realtime")
    realtime_auth_timeout_seconds: float = Field(
        5.0,
        gt=0,
        description="How long a new WebSocket may take to send its `auth` frame before it is closed (4401).",
    )
    realtime_resume_window_seconds: float = Field(
        0.5,
        ge=0,
        description=(
            "How long live frames wait for a new WebSocket's first frame, so that a `resume` sent right "
            "after `ready` is replayed before them."
        ),
    )
    realtime_resume_max_messages: int = Field(
        500,
        gt=0,
        description=(
            "The most messages of one conversation a `resume` replays; a client further behind is told "
            "the conversation is `too_old` in `resumed`, and reloads it over REST."
        ),
    )
    realtime_send_queue_frames: int = Field(
        1000,
        gt=0,
        description="Frames a WebSocket may have waiting to be sent; one more closes it as too slow (4429).",
    )
    realtime_max_sockets_per_user: int = Field(
        10,
        gt=0,
        description=(
            "The most WebSockets one user may hold on one realtime process; one more is refused (4409)."
        ),
    )
    realtime_max_sockets: int = Field(
        20000,
        gt=0,
        description="The most WebSockets one realtime process holds; one more is refused (1013).",
    )
    presence_largest_conversation: int = Field(
        100,
        ge=2,
        description=(
            "Presence changes are pushed to those who share a conversation of at most this many "
            "participants; members of larger groups ask `GET /api/v1/presence`."
        ),
    )
    presence_ttl_seconds: float = Field(
        30.0,
        gt=0,
        description=(
            "How long a WebSocket counts as present without a heartbeat (each sends three per TTL): "
            "the users of a realtime instance that crashed go offline within about this long."
        ),
    )
    typing_frames_per_second: float = Field(
        1.0,
        gt=0,
        description=(
            "`typing` frames one WebSocket may send per second, sustained; more are answered with a "
            "`rate_limited` error frame and reach no one."
        ),
    )
    typing_frames_burst: int = Field(
        10, ge=1, description="`typing` frames one WebSocket may send at once before the rate holds."
    )
