"""Domain events record what happened inside one aggregate, in the context's own language.

They never leave their context; the application layer turns the ones other contexts care
about into integration events (see `integration_event`).
"""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    pass
