"""Groups as the application would create them, with one member in each role, for groups' tests."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID

from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.role import Role
from infra.limits.in_memory_token_bucket import InMemoryTokenBucket
from infra.limits.rate_limit import Rate
from kernel.clock import Clock
from kernel.ids import new_id

NOW = datetime(2025, 1, 1, 12, 30, 15, 123456, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)
MEMBER_LIMIT = 1000
"""`GROUP_MEMBER_LIMIT`'s default: more than any test but the limit's own puts in a group."""
ADDITIONS = Rate(per_second=1 / 3600, burst=3)
"""What others may put one user into: more groups than a test but the limit's own puts anyone in,
and one more only when the test moves its clock by an hour."""


def addition_limit(clock: Clock, rate: Rate = ADDITIONS) -> InMemoryTokenBucket:
    """Each user's allowance of additions to groups, in memory, on the test's clock."""
    return InMemoryTokenBucket("additions to groups", rate, clock)


@dataclass(frozen=True)
class Cast:
    """One user in each relation to a group."""

    owner: UUID = field(default_factory=new_id)
    admin: UUID = field(default_factory=new_id)
    member: UUID = field(default_factory=new_id)
    outsider: UUID = field(default_factory=new_id)


def a_group(cast: Cast, name: str = "Book club") -> Group:
    """A group of the cast's owner, admin and member (version 2: created, then the admin added);
    its events are already handed over."""
    group = Group.create(GroupName(name), cast.owner, [cast.member], NOW, member_limit=MEMBER_LIMIT)
    group.add_member(
        actor_id=cast.owner, user_id=cast.admin, role=Role.ADMIN, now=NOW, member_limit=MEMBER_LIMIT
    )
    group.pull_events()
    return group
