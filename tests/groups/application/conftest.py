from dataclasses import dataclass
from uuid import UUID

import pytest

from contexts.groups.application.add_member import AddMember
from contexts.groups.application.change_member_role import ChangeMemberRole
from contexts.groups.application.choose_who_can_add import ChooseWhoCanAdd
from contexts.groups.application.create_group import CreateGroup
from contexts.groups.application.delete_group import DeleteGroup
from contexts.groups.application.get_group import GetGroup
from contexts.groups.application.get_who_can_add import GetWhoCanAdd
from contexts.groups.application.list_groups import ListGroups
from contexts.groups.application.remove_member import RemoveMember
from contexts.groups.application.rename_group import RenameGroup
from contexts.groups.domain.snapshot import GroupSnapshot
from tests.clock import SteppedClock
from tests.groups.application.fakes import FakeDatabase, FakeGroupsUnitOfWork
from tests.groups.builders import MEMBER_LIMIT, Cast, addition_limit


@dataclass
class Groups:
    """The groups context's use cases, wired to fakes the test can inspect."""

    database: FakeDatabase
    clock: SteppedClock
    create_group: CreateGroup
    list_groups: ListGroups
    get_group: GetGroup
    get_who_can_add: GetWhoCanAdd
    choose_who_can_add: ChooseWhoCanAdd
    rename_group: RenameGroup
    add_member: AddMember
    change_member_role: ChangeMemberRole
    remove_member: RemoveMember
    delete_group: DeleteGroup

    async def listed(self, user_id: UUID) -> list[UUID]:
        """The ids of the groups the user belongs to, on one page."""
        page = await self.list_groups(user_id, cursor=None, limit=100)
        return [group.id for group in page.items]

    def know(self, *user_ids: UUID) -> None:
        """As if identity's registrations of these users had arrived."""
        self.database.known_users.update(user_ids)

    async def group_of(self, cast: Cast, name: str = "Book club") -> GroupSnapshot:
        """A stored group of the cast's owner, admin and member, all known users."""
        self.know(cast.owner, cast.admin, cast.member, cast.outsider)
        group = await self.create_group(cast.owner, name, [cast.member])
        return await self.add_member(cast.owner, group_id=group.id, user_id=cast.admin, role="admin")


@pytest.fixture
def groups() -> Groups:
    database, clock = FakeDatabase(), SteppedClock()
    additions = addition_limit(clock)

    def unit_of_work() -> FakeGroupsUnitOfWork:
        return FakeGroupsUnitOfWork(database)

    return Groups(
        database=database,
        clock=clock,
        create_group=CreateGroup(unit_of_work, clock, MEMBER_LIMIT, additions),
        list_groups=ListGroups(unit_of_work),
        get_group=GetGroup(unit_of_work),
        get_who_can_add=GetWhoCanAdd(unit_of_work),
        choose_who_can_add=ChooseWhoCanAdd(unit_of_work),
        rename_group=RenameGroup(unit_of_work, clock),
        add_member=AddMember(unit_of_work, clock, MEMBER_LIMIT, additions),
        change_member_role=ChangeMemberRole(unit_of_work, clock),
        remove_member=RemoveMember(unit_of_work, clock),
        delete_group=DeleteGroup(unit_of_work, clock),
    )


@pytest.fixture
def cast() -> Cast:
    return Cast()
