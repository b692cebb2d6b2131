"""An event tells what happened, so its name is in the past tense: the class of every domain event
and every integration event payload, and the payload's `TYPE`, end in a past participle.

A word is taken as one if it ends in "-ed" or is among the irregular participles below; a name
that must break the rule is listed in `NOT_IN_THE_PAST_TENSE` with the reason.
"""

import re

import pytest

from kernel.domain_event import DomainEvent
from kernel.integration_event import EventPayload
from tests.architecture.domain_classes import classes_in

IRREGULAR_PARTICIPLES = frozenset(
    {
        "begun",
        "chosen",
        "done",
        "held",
        "kept",
        "left",
        "lost",
        "made",
        "met",
        "read",
        "sent",
        "set",
        "shown",
        "taken",
        "told",
        "withdrawn",
        "written",
    }
)

NOT_IN_THE_PAST_TENSE: dict[str, str] = {}
"""Event names, class or `TYPE`, allowed to break the rule, each with the reason."""


def last_word(name: str) -> str:
    """The last word of a class name (`MemberRoleChanged`) or of a type (`groups.member_role_changed`)."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", name.rsplit(".", 1)[-1].replace("_", " "))
    return words[-1].lower() if words else ""


def is_in_the_past_tense(name: str) -> bool:
    word = last_word(name)
    return word.endswith("ed") or word in IRREGULAR_PARTICIPLES


def is_an_event(member: type) -> bool:
    """Domain events with no subclass (a family's base is no event itself) and payloads with a TYPE."""
    if issubclass(member, DomainEvent):
        return not member.__subclasses__()
    return issubclass(member, EventPayload) and "TYPE" in vars(member)


EVENTS = [member for member in classes_in("domain") + classes_in("contracts") if is_an_event(member)]
NAMES = [event.__name__ for event in EVENTS] + [
    event.TYPE for event in EVENTS if issubclass(event, EventPayload)
]


@pytest.mark.parametrize("name", [name for name in NAMES if name not in NOT_IN_THE_PAST_TENSE])
def test_event_names_are_in_the_past_tense(name: str) -> None:
    assert is_in_the_past_tense(name), f"{name}: {last_word(name)!r} is not a past participle"


def test_each_exception_is_an_event_that_needs_it() -> None:
    for name in NOT_IN_THE_PAST_TENSE:
        assert name in NAMES, f"{name} names no event now: drop its exception"
        assert not is_in_the_past_tense(name), f"{name} is in the past tense: drop its exception"


def test_the_rule_sees_domain_events_payloads_and_their_types_in_every_publishing_context() -> None:
    assert any(issubclass(event, DomainEvent) for event in EVENTS)
    assert {event.source() for event in EVENTS if issubclass(event, EventPayload)} == {
        "identity",
        "groups",
        "messaging",
        "notifications",
    }


def test_a_name_in_the_present_or_imperative_is_told_apart() -> None:
    past = [
        "MessageSent",
        "ConversationRead",
        "MemberRoleChanged",
        "groups.member_role_changed",
        "URLShortened",
    ]
    for name in past:
        assert is_in_the_past_tense(name), name
    for name in [
        "SendMessage",
        "MessageSend",
        "messaging.send_message",
        "UserRegisters",
        "GroupChange",
        "URL",
    ]:
        assert not is_in_the_past_tense(name), name


def test_a_family_base_and_a_payload_without_a_type_are_not_events() -> None:
    class Family(DomainEvent):
        pass

    class Happened(Family):
        pass

    class Fields(EventPayload):
        pass

    class Published(Fields):
        TYPE = "somewhere.published"

    assert not is_an_event(Family)
    assert is_an_event(Happened)
    assert not is_an_event(Fields)
    assert is_an_event(Published)
