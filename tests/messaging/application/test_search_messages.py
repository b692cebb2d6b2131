"""Searching what one may read, on the fake index: which messages a search looks through, and how
its pages follow one another. How well the index ranks and what it highlights is its adapters'
contract (tests/messaging/adapters)."""

import random
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import pytest

from contexts.messaging.application.search_messages import SEARCH_DEPTH, SearchMessages, SearchPage
from contexts.messaging.application.search_projector import SearchProjector
from contexts.messaging.domain.errors import ConversationNotFoundError
from kernel.cursor import cursor_of
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from tests.messaging.application.fakes import (
    FakeDatabase,
    FakeMessageSearch,
    FakeMessagingUnitOfWork,
    FakeParticipations,
)
from tests.messaging.conversation_story import STARTED_AT, ConversationStory

ALICE, BOB, CAROL = new_id(), new_id(), new_id()


@dataclass
class Search:
    database: FakeDatabase
    index: FakeMessageSearch
    participations: FakeParticipations
    search_messages: SearchMessages

    async def told(self, *events: IntegrationEvent) -> None:
        """The events as the search projection and the read models are told them."""
        await SearchProjector(self.index)(events)
        await self.participations(events)

    async def __call__(
        self,
        reader: UUID,
        text: str,
        *,
        conversation_id: str | None = None,
        cursor: str | None = None,
        limit: int = 20,
    ) -> SearchPage:
        return await self.search_messages(
            reader,
            text,
            conversation_id=None if conversation_id is None else UUID(conversation_id),
            sent_before=None,
            cursor=cursor,
            limit=limit,
        )

    async def found(self, reader: UUID, text: str, conversation_id: str | None = None) -> list[str]:
        page = await self(reader, text, conversation_id=conversation_id)
        return [str(message.message_id) for message in page.items]


@pytest.fixture
def search() -> Search:
    database, index, participations = FakeDatabase(), FakeMessageSearch(), FakeParticipations()
    return Search(
        database,
        index,
        participations,
        SearchMessages(lambda: FakeMessagingUnitOfWork(database), participations, index),
    )


async def test_a_search_finds_only_the_callers_conversations(search: Search) -> None:
    ours, theirs = ConversationStory(ALICE, BOB), ConversationStory(BOB, CAROL)
    ours.created()
    theirs.created()
    found, _ = ours.sent(BOB, "lunch at noon")
    theirs.sent(BOB, "lunch without alice")
    ours.sent(ALICE, "something else")
    await search.told(*ours.events, *theirs.events)

    assert await search.found(ALICE, "LUNCH") == [found]
    assert len(await search.found(BOB, "lunch")) == 2


async def test_a_search_in_one_conversation_finds_only_its_messages(search: Search) -> None:
    first, second = ConversationStory(ALICE, BOB), ConversationStory(ALICE, CAROL)
    first.created()
    second.created()
    found, _ = first.sent(BOB, "lunch")
    second.sent(CAROL, "lunch")
    await search.told(*first.events, *second.events)

    assert await search.found(ALICE, "lunch", conversation_id=first.id) == [found]


@pytest.mark.parametrize("conversation", ["a strangers", "no"])
async def test_a_search_in_a_conversation_the_caller_takes_no_part_in_is_not_found(
    search: Search, conversation: str
) -> None:
    theirs = ConversationStory(BOB, CAROL)
    theirs.created()
    theirs.sent(BOB, "secret")
    await search.told(*theirs.events)

    with pytest.raises(ConversationNotFoundError):
        await search(
            ALICE, "secret", conversation_id=theirs.id if conversation == "a strangers" else str(new_id())
        )


async def test_a_removed_member_finds_nothing_of_the_group_any_more(search: Search) -> None:
    group = ConversationStory(ALICE, BOB)
    group.created()
    group.sent(ALICE, "plans for friday")
    await search.told(*group.events)
    assert len(await search.found(BOB, "friday")) == 1

    await search.told(group.changed(leaving=BOB))

    assert await search.found(BOB, "friday") == []
    with pytest.raises(ConversationNotFoundError):
        await search(BOB, "friday", conversation_id=group.id)


async def test_a_deleted_message_is_never_found(search: Search) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    gone, _ = story.sent(ALICE, "oops, wrong chat")
    story.deleted(gone)
    await search.told(*story.events)

    assert await search.found(ALICE, "oops") == []


async def test_an_edited_message_is_found_by_its_new_text_only(search: Search) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    edited, _ = story.sent(ALICE, "meet at the station")
    story.edited(edited, "meet at the harbour")
    await search.told(*story.events)

    assert await search.found(ALICE, "harbour") == [edited]
    assert await search.found(ALICE, "station") == []


@pytest.mark.parametrize("seed", range(4))
async def test_events_told_twice_and_in_any_order_end_at_each_messages_latest_state(
    search: Search, seed: int
) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    edited, _ = story.sent(ALICE, "draft")
    story.edited(edited, "final")
    deleted, _ = story.sent(BOB, "final, deleted")
    story.deleted(deleted)
    deliveries = story.events * 2
    random.Random(seed).shuffle(deliveries)
    for event in deliveries:
        await search.told(event)

    assert await search.found(ALICE, "final") == [edited]
    assert await search.found(ALICE, "draft") == []


async def test_pages_follow_one_another_until_the_last(search: Search) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    sent = [story.sent(BOB, f"report {n}")[0] for n in range(5)]
    await search.told(*story.events)

    pages, cursor = [], None
    while True:
        page = await search(ALICE, "report", cursor=cursor, limit=2)
        pages.append([str(message.message_id) for message in page.items])
        if (cursor := page.next_cursor) is None:
            break

    assert pages == [sent[4:2:-1], sent[2:0:-1], sent[:1]]


async def test_a_search_pages_only_so_deep(search: Search) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    for n in range(SEARCH_DEPTH + 5):
        story.sent(BOB, f"report {n}")
    await search.told(*story.events)

    before_last = await search(ALICE, "report", cursor=cursor_of((SEARCH_DEPTH - 15,)), limit=10)
    last = await search(ALICE, "report", cursor=before_last.next_cursor, limit=10)

    assert len(last.items) == 5
    assert last.next_cursor is None


@pytest.mark.parametrize(
    "cursor", ["nonsense", cursor_of(("a",)), cursor_of((0,)), cursor_of((SEARCH_DEPTH,))]
)
async def test_a_cursor_this_search_did_not_give_is_refused(search: Search, cursor: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await search(ALICE, "report", cursor=cursor)
    assert refused.value.field == "cursor"


async def test_from_a_username_keeps_the_messages_of_whoever_goes_by_it(search: Search) -> None:
    search.database.usernames.update({ALICE: "alice", BOB: "bob", CAROL: "carol"})
    group = ConversationStory(ALICE, BOB, CAROL)
    group.created()
    alices, _ = group.sent(ALICE, "lunch?")
    bobs, _ = group.sent(BOB, "lunch!")
    group.sent(CAROL, "lunch.")
    await search.told(*group.events)

    assert await search.found(CAROL, "from:@Alice lunch") == [alices]
    assert set(await search.found(CAROL, "from:@alice from:@bob")) == {alices, bobs}
    assert await search.found(CAROL, "from:@alice from:@nobody") == [alices]
    assert await search.found(CAROL, "from:@nobody lunch") == []


async def test_only_messages_sent_before_a_time_are_found_when_asked(search: Search) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    early, _ = story.sent(ALICE, "news")
    story.now += timedelta(hours=1)
    story.sent(ALICE, "news again")
    await search.told(*story.events)

    page = await search.search_messages(
        ALICE,
        "news",
        conversation_id=None,
        sent_before=STARTED_AT + timedelta(minutes=30),
        cursor=None,
        limit=5,
    )

    assert [str(message.message_id) for message in page.items] == [early]


async def test_a_text_with_nothing_to_search_for_is_refused_on_q(search: Search) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await search(ALICE, '"" ?!')
    assert refused.value.field == "q"
