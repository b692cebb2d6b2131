from contexts.groups.contracts import events as groups
from contexts.messaging.contracts import events as messaging
from kernel.integration_event import payloads_in


def test_a_contracts_module_declares_the_payloads_with_a_type_not_their_bases_nor_their_shapes() -> None:
    assert payloads_in(groups) == (
        groups.GroupCreated,
        groups.GroupRenamed,
        groups.MemberAdded,
        groups.MemberRemoved,
        groups.MemberRoleChanged,
        groups.GroupDeleted,
    )


def test_the_base_message_events_share_is_no_payload_of_its_own() -> None:
    assert [payload.TYPE for payload in payloads_in(messaging)] == [
        "messaging.conversation_created",
        "messaging.conversation_changed",
        "messaging.message_sent",
        "messaging.message_edited",
        "messaging.message_deleted",
        "messaging.conversation_read",
        "messaging.message_pinned",
        "messaging.message_unpinned",
        "messaging.thread_updated",
        "messaging.message_reactions_changed",
    ]
