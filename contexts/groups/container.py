"""Groups' composition root: the one place its ports meet their adapters.

The runtime supplies the inputs (`settings`, `clock`, and `redis` when REDIS_URL is set) and
takes `module`, what groups adds to a process: its routes, its migrations, its outbox, and its
consumer of identity's registrations, which keep its record of known users.
"""

from dependency_injector import containers, providers
from redis.asyncio import Redis

from contexts.groups.adapters.inbound.events import from_identity
from contexts.groups.adapters.inbound.http.router import build_router
from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyGroupsUnitOfWork
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
from contexts.groups.contracts import events
from contexts.groups.settings import GroupsSettings
from infra.context_module import through_inbox
from infra.limits.rate_limit import Rate
from infra.limits.token_buckets import shared_token_bucket
from infra.write_side_container import WriteSideContainer
from kernel.clock import Clock
from kernel.integration_event import payloads_in


def _per_second(per_hour: float) -> float:
    return per_hour / 3600


class GroupsContainer(containers.DeclarativeContainer):
    settings: providers.Dependency[GroupsSettings] = providers.Dependency(instance_of=GroupsSettings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    """The Clock every use case reads the time from."""
    redis: providers.Dependency[Redis | None] = providers.Dependency(default=providers.Object(None))
    """Rate limits shared by every replica; without it, they are counted in this process."""

    write_side = providers.Container(
        WriteSideContainer,
        context="groups",
        database_url=settings.provided.groups_database_url,
        tables=tables.outbox,
        migrations=tables.migrations,
        published=payloads_in(events),
        unit_of_work_type=SqlAlchemyGroupsUnitOfWork,
    )
    unit_of_work: providers.Provider[SqlAlchemyGroupsUnitOfWork] = write_side.unit_of_work

    addition_limit = providers.Singleton(
        shared_token_bucket,
        "additions to groups",
        providers.Factory(
            Rate,
            providers.Callable(_per_second, settings.provided.group_additions_per_user_per_hour),
            settings.provided.group_additions_per_user_burst,
        ),
        redis,
        clock,
    )
    """Each added user's allowance, taken by the use cases after the group's rules and the user's
    consent, which a refused addition must not cost (ADR 23)."""

    create_group = providers.Singleton(
        CreateGroup, unit_of_work.provider, clock, settings.provided.group_member_limit, addition_limit
    )
    list_groups = providers.Singleton(ListGroups, unit_of_work.provider)
    get_group = providers.Singleton(GetGroup, unit_of_work.provider)
    get_who_can_add = providers.Singleton(GetWhoCanAdd, unit_of_work.provider)
    choose_who_can_add = providers.Singleton(ChooseWhoCanAdd, unit_of_work.provider)
    rename_group = providers.Singleton(RenameGroup, unit_of_work.provider, clock)
    add_member = providers.Singleton(
        AddMember, unit_of_work.provider, clock, settings.provided.group_member_limit, addition_limit
    )
    change_member_role = providers.Singleton(ChangeMemberRole, unit_of_work.provider, clock)
    remove_member = providers.Singleton(RemoveMember, unit_of_work.provider, clock)
    delete_group = providers.Singleton(DeleteGroup, unit_of_work.provider, clock)

    change_limit = providers.Singleton(
        shared_token_bucket,
        "group changes",
        providers.Factory(
            Rate, settings.provided.group_changes_per_second, settings.provided.group_changes_burst
        ),
        redis,
        clock,
    )

    router = providers.Singleton(
        build_router,
        create_group=create_group,
        list_groups=list_groups,
        get_who_can_add=get_who_can_add,
        choose_who_can_add=choose_who_can_add,
        get_group=get_group,
        rename_group=rename_group,
        add_member=add_member,
        change_member_role=change_member_role,
        remove_member=remove_member,
        delete_group=delete_group,
        change_limit=change_limit,
    )
    consumers = providers.List(
        providers.Singleton(
            through_inbox,
            "groups.known_users",
            from_identity.EVENT_TYPES,
            unit_of_work.provider,
            from_identity.user_events,
        ),
    )
    module = providers.Singleton(write_side.module, routers=providers.List(router), consumers=consumers)
