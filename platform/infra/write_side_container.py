"""The write side of every context that publishes integration events: its database and its outbox.

A context's container nests it (`providers.Container(WriteSideContainer, ...)`), builds its
unit of work on `sessions` with `outbox`'s `committed` as what to do after a commit, and takes its
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

    outbox = providers.Singleton(Outbox, DatabaseContainer.context, DatabaseContainer.sessions, tables)
    """The events the context published: carried by the bus, and replayed into its own read models."""
    module = providers.Factory(DatabaseContainer.module, outbox=outbox, publishes=published)
    """As `DatabaseContainer.module`, with the context's outbox and what it publishes."""
