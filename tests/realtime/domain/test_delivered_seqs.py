from contexts.realtime.domain.delivered_seqs import DeliveredSeqs, Placement
from kernel.ids import new_id


def test_a_socket_takes_the_first_message_of_a_conversation_as_it_comes() -> None:
    assert DeliveredSeqs().place(new_id(), 41) is Placement.NEXT


def test_after_a_delivery_only_the_next_seq_is_next() -> None:
    conversation, other = new_id(), new_id()
    delivered = DeliveredSeqs()
    delivered.deliver(conversation, 3)

    assert [delivered.place(conversation, seq) for seq in (2, 3, 4, 5)] == [
        Placement.DELIVERED,
        Placement.DELIVERED,
        Placement.NEXT,
        Placement.AFTER_GAP,
    ]
    assert delivered.place(other, 9) is Placement.NEXT


def test_a_resume_starts_after_the_cursor_or_after_what_the_socket_delivered_since() -> None:
    behind, ahead = new_id(), new_id()
    delivered = DeliveredSeqs()
    delivered.deliver(ahead, 7)

    assert delivered.resume(behind, 4) == 4
    assert delivered.resume(ahead, 5) == 7
    assert delivered.place(behind, 5) is Placement.NEXT
