"""The write side of every context that publishes integration events: its database and outbox relay.

A context's container nests it (`providers.Container(WriteSideContainer, ...)`), builds its
unit of work on `sessions` with `relay`'s wake-up, and takes its `ContextModule` from `module`
as from a `DatabaseContainer`'s, whose providers this one inherits: the relay is one more
background task of the module.
"""

from dependency_injector import providers

from infra.bus.event_bus import EventBus
from infra.db.database_container import DatabaseContainer
from infra.db.outbox_tables import MessagingTables
from infra.outbox.outbox_log import OutboxLog
from infra.outbox.relay import OutboxRelay, RelaySettings


class WriteSideContainer(DatabaseContainer):
    """`config` also gives relay_poll_interval_seconds; `context` names the relay too."""

    tables = providers.Dependency(instance_of=MessagingTables)
    """The context's outbox, inbox and relay-lease tables."""
    bus: providers.Dependency[EventBus] = providers.Dependency()
    """The EventBus the outbox relay publishes to."""

    relay = providers.Singleton(
        OutboxRelay,
        DatabaseContainer.context,
        DatabaseContainer.sessions,
        tables,
        bus,
        providers.Factory(
            RelaySettings, poll_interval=DatabaseContainer.config.relay_poll_interval_seconds.as_float()
        ),
    )
    outbox_log = providers.Singleton(OutboxLog, DatabaseContainer.sessions, tables)
    """The events the context published, for replaying them into its own read models."""
    module = providers.Factory(DatabaseContainer.module, background=providers.List(relay.provided.run))
    """As `DatabaseContainer.module`, but `background` is the relay's."""
