"""The write side of every context that publishes integration events: its database, its outbox,
and its unit of work, which writes the outbox in the transaction of what the events tell.

A context's container nests it (`providers.Container(WriteSideContainer, ...)`), names its
`unit_of_work_type`, builds its use cases and consumers on `unit_of_work`, and takes its
`ContextModule` from `module` as from a `DatabaseContainer`'s, whose providers this one inherits:
the module hands the outbox to the process, whose bus carries it.
"""

from dependency_injector import providers

from infra.database_container import DatabaseContainer
from infra.db.outbox_tables import OutboxTables
from infra.outbox.outbox import Outbox


class WriteSideContainer(DatabaseContainer):
    """`context` names the outbox too."""

    tables = providers.Dependency(instance_of=OutboxTables)
    """The context's outbox, inbox, relay-lease and consumer-position tables."""
    published = providers.Dependency(instance_of=tuple)
    """The payloads of the events it publishes: `kernel.integration_event.payloads_in` its contracts."""
    unit_of_work_type = providers.Dependency(instance_of=type)
    """The context's `infra.db.unit_of_work.SqlAlchemyUnitOfWork`, extended with its repositories."""

    outbox = providers.Singleton(Outbox, DatabaseContainer.context, DatabaseContainer.sessions, tables)
    """The events the context published: carried by the bus, and replayed into its own read models."""
    unit_of_work = providers.Factory(
        unit_of_work_type.provided.call(DatabaseContainer.sessions, tables, outbox.provided.committed)
    )
    """A new unit of work each call, which wakes the outbox's followers when it commits events."""
    module = providers.Factory(DatabaseContainer.module, outbox=outbox, publishes=published)
    """As `DatabaseContainer.module`, with the context's outbox and what it publishes."""
