"""What happens to users and their sessions, in identity's own words; the application publishes
them to other contexts."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from kernel.domain_event import DomainEvent


@dataclass(frozen=True, kw_only=True)
class UserRegistered(DomainEvent):
    user_id: UUID
    username: str
    display_name: str
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class UserProfileChanged(DomainEvent):
    user_id: UUID
    username: str
    display_name: str
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class SessionEnded(DomainEvent):
    session_id: UUID
    user_id: UUID
    occurred_at: datetime
