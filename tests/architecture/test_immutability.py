"""What the domain records and what a context publishes cannot change once made.

What immutable means differs by kind, and each is checked by inspecting the classes:

- a domain event, a value object, and every other record in a domain that is neither an aggregate
  (whose state changes through its methods) nor an error nor an enum is a frozen dataclass, or a
  NamedTuple, and none of its fields is declared as a mutable collection (`list`, `dict`, `set`,
  `bytearray`): a frozen record holding a list could still change under whoever shares it;
- a contract payload (`contracts/`) is a frozen dataclass; its fields are JSON values, so its
  arrays and objects are `list`s and `TypedDict`s, as `from_event` reads them back from JSON:
  they are shared with the envelope `to_event` makes and never changed;
- a `TypedDict` in `contracts/` is the shape of a JSON object inside a payload: a dict at runtime,
  which no declaration can freeze, and reached only through a frozen payload.
"""

import dataclasses
import enum
import typing
from collections.abc import Iterator
from typing import NamedTuple

import pytest
from typing_extensions import is_typeddict  # typing's, on Python 3.11, misses typing_extensions' TypedDicts

from contexts.realtime.domain.delivered_seqs import DeliveredSeqs
from kernel.aggregate import AggregateRoot
from kernel.domain_event import DomainEvent
from tests.architecture.domain_classes import classes_in

MUTABLE_COLLECTIONS = (list, dict, set, bytearray)

CHANGING_BY_DESIGN: dict[type, str] = {
    DeliveredSeqs: "a socket's running tally of what it delivered, kept for that socket's life: "
    "a session's state, not a value, and never shared",
}
"""Records of a domain allowed to change, each with the reason."""


def mutable_parts(annotation: object) -> Iterator[object]:
    """The mutable collections an annotation declares, at any depth (`tuple[list[int], ...]`)."""
    origin = typing.get_origin(annotation) or annotation
    if isinstance(origin, type) and issubclass(origin, MUTABLE_COLLECTIONS):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from mutable_parts(argument)


def is_frozen_dataclass(record: type) -> bool:
    return dataclasses.is_dataclass(record) and record.__dataclass_params__.frozen  # type: ignore[attr-defined]


def why_mutable(record: type) -> str | None:
    """Why instances of `record` could change after they are made, or None if they cannot."""
    if issubclass(record, tuple) and hasattr(record, "_fields"):
        fields = typing.get_type_hints(record)
    elif dataclasses.is_dataclass(record):
        if not is_frozen_dataclass(record):
            return "a dataclass that is not frozen"
        hints = typing.get_type_hints(record)
        fields = {field.name: hints[field.name] for field in dataclasses.fields(record)}
    else:
        return "neither a frozen dataclass nor a NamedTuple"
    mutable = {name: list(mutable_parts(annotation)) for name, annotation in fields.items()}
    if declared := {name: parts for name, parts in mutable.items() if parts}:
        return f"fields declared as mutable collections: {declared}"
    return None


def is_record(member: type) -> bool:
    """Whether a domain class is a record that should be immutable: not an aggregate, error or enum."""
    return not issubclass(member, AggregateRoot | BaseException | enum.Enum)


DOMAIN_RECORDS = [member for member in classes_in("domain") if is_record(member)]
CONTRACTS = classes_in("contracts")


@pytest.mark.parametrize("record", DOMAIN_RECORDS, ids=lambda record: record.__qualname__)
def test_domain_events_and_value_objects_are_immutable(record: type) -> None:
    if record in CHANGING_BY_DESIGN:
        assert why_mutable(record), f"{record.__qualname__} is immutable now: drop its exception"
        return
    assert why_mutable(record) is None, f"{record.__module__}.{record.__qualname__}: {why_mutable(record)}"


@pytest.mark.parametrize(
    "payload", [c for c in CONTRACTS if not is_typeddict(c)], ids=lambda payload: payload.__qualname__
)
def test_contract_payloads_are_frozen_dataclasses(payload: type) -> None:
    assert is_frozen_dataclass(payload), f"{payload.__module__}.{payload.__qualname__}"


def test_the_rules_see_every_context_and_each_kind() -> None:
    assert {record.__module__.split(".")[1] for record in DOMAIN_RECORDS} >= {
        "identity",
        "groups",
        "messaging",
        "notifications",
        "realtime",
    }
    assert any(issubclass(record, DomainEvent) for record in DOMAIN_RECORDS)
    assert any(is_typeddict(c) for c in CONTRACTS)


def test_a_record_that_is_not_frozen_or_holds_a_mutable_collection_is_told_apart() -> None:
    @dataclasses.dataclass
    class Unfrozen:
        name: str

    @dataclasses.dataclass(frozen=True)
    class HoldingAList:
        names: tuple[list[str], ...]

    class Plain:
        pass

    class Point(NamedTuple):
        tags: dict[str, str]

    @dataclasses.dataclass(frozen=True)
    class Immutable:
        names: tuple[str, ...]
        members: frozenset[int]

    class Pair(NamedTuple):
        first: int
        second: str

    assert why_mutable(Unfrozen) == "a dataclass that is not frozen"
    assert why_mutable(HoldingAList) == "fields declared as mutable collections: {'names': [list[str]]}"
    assert why_mutable(Plain) == "neither a frozen dataclass nor a NamedTuple"
    assert why_mutable(Point) == "fields declared as mutable collections: {'tags': [dict[str, str]]}"
    assert why_mutable(Immutable) is None
    assert why_mutable(Pair) is None


def test_a_payload_that_is_not_a_frozen_dataclass_is_told_apart() -> None:
    @dataclasses.dataclass
    class Unfrozen:
        names: list[str]

    @dataclasses.dataclass(frozen=True)
    class Frozen:
        names: list[str]

    class Plain:
        names: list[str]

    assert not is_frozen_dataclass(Unfrozen)
    assert not is_frozen_dataclass(Plain)
    assert is_frozen_dataclass(Frozen)


def test_aggregates_errors_and_enums_are_not_records() -> None:
    class Colour(enum.Enum):
        RED = "red"

    assert not is_record(AggregateRoot)
    assert not is_record(ValueError)
    assert not is_record(Colour)
    assert is_record(DomainEvent)
