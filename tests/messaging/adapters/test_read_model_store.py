"""The contract of the read-model store, run against every adapter: embedded on SQLite and
PostgreSQL, and MongoDB (the MongoDB-protocol server)."""

import random
from uuid import UUID

import pytest

from contexts.messaging.application.read_model_projector import ReadModelProjector
from contexts.messaging.contracts.events import PublishedAttachment
from contexts.messaging.ports.read_model_store import (
    LISTED_PARTICIPANTS,
    ConversationSummary,
    PinnedMessage,
    ReadModelStore,
)
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from tests.messaging.conversation_story import STARTED_AT, ConversationStory

ALICE, BOB, CAROL = new_id(), new_id(), new_id()


async def told(store: ReadModelStore, *events: IntegrationEvent) -> None:
    """Project the events in batches of three, as a consumer group is handed them."""
    projector = ReadModelProjector(store)
    for start in range(0, len(events), 3):
        await projector(events[start : start + 3])


async def listed(store: ReadModelStore, user: UUID) -> list[ConversationSummary]:
    """The user's whole list of conversations, on one page."""
    return await store.conversations_of(str(user), after=None, count=100)


async def everything(store: ReadModelStore, story: ConversationStory) -> object:
    """All a store shows of a story's conversation, to each of its people."""
    return (
        await store.conversation(story.id),
        await store.messages(story.id, after=0, before=None, count=1000, latest=False),
        [await listed(store, user) for user in (ALICE, BOB, CAROL)],
        await store.pins(story.id, count=50),
    )


def expected(story: ConversationStory) -> object:
    timeline = story.timeline()

    def summaries(user: UUID) -> list[ConversationSummary]:
        participants = story.conversation["participant_ids"]
        if str(user) not in participants:
            return []
        return [
            ConversationSummary(
                conversation=story.conversation,
                participant_count=len(participants),
                last_message=timeline[-1] if timeline else None,
                unread_count=story.unread_by(user),
                position=(story.activity(), story.id),
            )
        ]

    pins = [PinnedMessage(message, pin) for message, pin in story.pinned_messages()]
    return story.conversation, timeline, [summaries(user) for user in (ALICE, BOB, CAROL)], pins


def attachment(filename: str, *, image: bool) -> PublishedAttachment:
    return PublishedAttachment(
        id=str(new_id()),
        filename=filename,
        content_type="image/png" if image else "application/pdf",
        size=1234,
        width=640 if image else None,
        height=480 if image else None,
    )


def a_full_story() -> ConversationStory:
    """Every kind of event: messages sent, edited twice, deleted; replies in a thread, one to a reply;
    markers; a rename, a leave, a join; pins, one taken back and pinned again, one gone with its
    deleted message; files posted, some gone with their deleted message."""
    story = ConversationStory(ALICE, BOB)
    story.created()
    first, _ = story.sent(ALICE, "hi")
    second, _ = story.sent(BOB, "helo")
    story.pinned(second, ALICE)
    reply, _ = story.replied(BOB, first, "hi to you")
    story.replied(ALICE, reply, "and to you")
    story.edited(second, "hello")
    story.edited(second, "hello!")
    story.pinned(first, BOB)
    story.unpinned(first)
    story.read_by(BOB, 1)
    third, _ = story.sent(ALICE, "oops", attachments=[attachment("oops.png", image=True)])
    story.pinned(third, ALICE)
    story.deleted(third)
    story.pinned(first, ALICE)
    story.sent(ALICE, "still there?")
    story.sent(
        BOB, "", attachments=[attachment("cat.png", image=True), attachment("report.pdf", image=False)]
    )
    story.read_by(BOB, 2)
    story.read_by(ALICE, 1)
    story.changed(title="Crew, renamed", joining=CAROL)
    story.sent(CAROL, "hello all")
    story.changed(leaving=BOB)
    return story


async def test_a_story_told_in_order_shows_its_end(read_models: ReadModelStore) -> None:
    story = a_full_story()

    await told(read_models, *story.events)

    assert await everything(read_models, story) == expected(story)


@pytest.mark.parametrize("seed", range(8))
async def test_a_story_shuffled_and_told_twice_shows_the_same_end(
    read_models: ReadModelStore, seed: int
) -> None:
    """Redelivery and any order of arrival, across the events of messages, markers and the
    conversation itself (a message before its conversation, an edit before its message)."""
    story = a_full_story()
    deliveries = story.events * 2
    random.Random(seed).shuffle(deliveries)

    await told(read_models, *deliveries)

    assert await everything(read_models, story) == expected(story)


async def test_an_unknown_conversation_is_none_and_lists_nothing(read_models: ReadModelStore) -> None:
    story = ConversationStory(ALICE, BOB)
    story.sent(ALICE)

    await told(read_models, *story.events)  # its messages, but not the conversation itself

    assert await read_models.conversation(story.id) is None
    assert await read_models.conversation(str(new_id())) is None
    assert await listed(read_models, ALICE) == []


async def test_conversations_are_listed_most_recently_active_first(read_models: ReadModelStore) -> None:
    quiet, busy, empty = (
        ConversationStory(ALICE, BOB),
        ConversationStory(ALICE, CAROL),
        ConversationStory(ALICE),
    )
    for story in (quiet, busy, empty):
        story.created()
    quiet.sent(BOB)
    busy.sent(CAROL)
    empty.now = busy.now = quiet.now  # the same clock for all three
    busy.sent(CAROL, "later")
    await told(read_models, *quiet.events, *busy.events, *empty.events)

    alices = await listed(read_models, ALICE)

    assert [summary.conversation["id"] for summary in alices] == [busy.id, quiet.id, empty.id]
    assert [summary.conversation["id"] for summary in await listed(read_models, CAROL)] == [busy.id]


async def test_a_users_conversations_are_those_they_take_part_in_now(read_models: ReadModelStore) -> None:
    group, direct = ConversationStory(ALICE, BOB), ConversationStory(ALICE, CAROL)
    group.created()
    direct.created()
    group.changed(leaving=BOB)
    await told(read_models, *group.events, *direct.events)

    assert await read_models.conversation_ids_of(str(ALICE)) == {group.id, direct.id}
    assert await read_models.conversation_ids_of(str(BOB)) == set()
    assert await read_models.conversation_ids_of(str(CAROL)) == {direct.id}


async def test_a_list_is_paged_from_where_the_last_page_ended(read_models: ReadModelStore) -> None:
    """Conversations active at the same moment are ordered by id, so a page that ends among them
    goes on with the next one; none is listed twice or skipped."""
    stories = [ConversationStory(ALICE, BOB) for _ in range(7)]
    for story in stories:
        story.created()
    for story in stories[:4]:
        story.now = STARTED_AT  # four conversations active at one moment
        story.sent(BOB)
    await told(read_models, *(event for story in stories for event in story.events))

    pages = [await read_models.conversations_of(str(ALICE), after=None, count=3)]
    while len(pages[-1]) == 3 and len(pages) < 4:
        pages.append(await read_models.conversations_of(str(ALICE), after=pages[-1][-1].position, count=3))

    assert [len(page) for page in pages] == [3, 3, 1]
    assert [s.conversation["id"] for page in pages for s in page] == [
        s.conversation["id"] for s in await listed(read_models, ALICE)
    ]
    assert {s.conversation["id"] for page in pages for s in page} == {story.id for story in stories}


async def test_a_listed_conversation_names_a_few_participants_and_counts_them_all(
    read_models: ReadModelStore,
) -> None:
    crowd = [new_id() for _ in range(LISTED_PARTICIPANTS + 5)]
    story = ConversationStory(ALICE, *crowd)
    story.created()
    await told(read_models, *story.events)

    (summary,) = await listed(read_models, ALICE)

    assert summary.participant_count == len(crowd) + 1
    assert (
        summary.conversation["participant_ids"] == story.conversation["participant_ids"][:LISTED_PARTICIPANTS]
    )
    assert await read_models.conversation(story.id) == story.conversation


async def test_unread_counts_skip_own_and_deleted_messages_and_follow_the_marker(
    read_models: ReadModelStore,
) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    for body in ("one", "two", "three"):
        story.sent(ALICE, body)
    gone, _ = story.sent(ALICE, "gone")
    story.deleted(gone)
    story.sent(BOB, "mine")
    story.read_by(BOB, 1)
    await told(read_models, *story.events)

    (bobs,) = await listed(read_models, BOB)
    (alices,) = await listed(read_models, ALICE)

    assert (bobs.unread_count, alices.unread_count) == (2, 1)
    await read_models.mark_read(story.id, str(BOB), 0)  # a marker never moves back
    assert (await listed(read_models, BOB))[0].unread_count == 2


async def test_an_older_revision_never_replaces_a_newer_one(read_models: ReadModelStore) -> None:
    story = ConversationStory(ALICE, BOB)
    created = story.created()
    message_id, sent = story.sent(ALICE, "first")
    edited = story.edited(message_id, "second")
    renamed = story.changed(title="Renamed")

    await told(read_models, renamed, edited, created, sent)

    assert await read_models.conversation(story.id) == story.conversation
    assert await read_models.messages(story.id, after=0, before=None, count=10, latest=False) == [
        story.messages[message_id]
    ]


@pytest.mark.parametrize(
    ("after", "before", "count", "latest", "seqs"),
    [
        (0, None, 3, True, [5, 6, 7]),
        (0, None, 3, False, [1, 2, 3]),
        (0, 5, 3, True, [2, 3, 4]),
        (4, None, 2, False, [5, 6]),
        (2, 6, 10, False, [3, 4, 5]),
        (2, 6, 2, True, [4, 5]),
        (7, None, 5, False, []),
        (3, 4, 5, True, []),
    ],
)
async def test_messages_are_paged_by_seq(
    read_models: ReadModelStore, after: int, before: int | None, count: int, latest: bool, seqs: list[int]
) -> None:
    story = ConversationStory(ALICE, BOB)
    for n in range(7):
        story.sent(ALICE, f"message {n + 1}")
    other = ConversationStory(ALICE, BOB)
    other.sent(ALICE, "elsewhere")
    await told(read_models, *story.events, *other.events)

    page = await read_models.messages(story.id, after=after, before=before, count=count, latest=latest)

    assert [message["seq"] for message in page] == seqs


async def test_a_rebuild_replaces_the_read_models_only_when_it_ends(read_models: ReadModelStore) -> None:
    old, new = ConversationStory(ALICE, BOB), ConversationStory(ALICE, CAROL)
    old.created()
    old.sent(ALICE)
    new.created()
    new.sent(CAROL)
    await told(read_models, *old.events)

    async with read_models.rebuilding() as fresh:
        await told(fresh, *new.events)  # type: ignore[arg-type]
        assert [s.conversation["id"] for s in await listed(read_models, ALICE)] == [old.id]

    assert [s.conversation["id"] for s in await listed(read_models, ALICE)] == [new.id]
    assert await read_models.conversation(old.id) is None
    assert await read_models.messages(old.id, after=0, before=None, count=10, latest=True) == []
    assert await everything(read_models, new) == expected(new)


async def test_a_failed_rebuild_leaves_the_live_read_models(read_models: ReadModelStore) -> None:
    story = ConversationStory(ALICE, BOB)
    story.created()
    story.sent(BOB)
    await told(read_models, *story.events)

    async def rebuild_that_fails() -> None:
        async with read_models.rebuilding() as fresh:
            await fresh.note_activity(str(new_id()), 1)
            raise RuntimeError("the write side went away")

    with pytest.raises(RuntimeError):
        await rebuild_that_fails()

    assert await everything(read_models, story) == expected(story)


def a_thread() -> tuple[ConversationStory, str]:
    """A conversation whose root (seq 2) has five replies (seq 4, 5, 7, 8, 9) among other messages."""
    story = ConversationStory(ALICE, BOB, CAROL)
    story.created()
    story.sent(ALICE, "before")
    root, _ = story.sent(ALICE, "root")
    story.sent(BOB, "aside")
    reply, _ = story.replied(BOB, root)
    story.replied(CAROL, reply)
    story.sent(BOB, "aside again")
    for sender in (ALICE, BOB, BOB):
        story.replied(sender, root)
    return story, root


@pytest.mark.parametrize(
    ("after", "before", "count", "latest", "seqs"),
    [
        (0, None, 3, True, [7, 8, 9]),
        (0, None, 3, False, [2, 4, 5]),
        (0, 7, 10, True, [2, 4, 5]),
        (2, None, 2, False, [4, 5]),
        (9, None, 5, False, []),
    ],
)
async def test_a_thread_is_its_root_and_replies_paged_by_seq(
    read_models: ReadModelStore, after: int, before: int | None, count: int, latest: bool, seqs: list[int]
) -> None:
    story, root = a_thread()
    await told(read_models, *story.events)

    page = await read_models.messages(
        story.id, after=after, before=before, count=count, latest=latest, thread=root
    )

    assert [message["seq"] for message in page] == seqs
    assert page == [message for message in story.timeline() if message["seq"] in seqs]


async def test_a_root_shows_its_threads_latest_summary_in_any_order(read_models: ReadModelStore) -> None:
    story, root = a_thread()
    deliveries = story.events * 2
    random.Random(7).shuffle(deliveries)

    await told(read_models, *deliveries)

    shown = await read_models.message(story.id, root)
    assert shown is not None
    assert (shown["reply_count"], shown["last_reply_at"], shown["recent_replier_ids"]) == (
        5,
        story.timeline()[-1]["created_at"],
        [str(BOB), str(ALICE), str(CAROL)],
    )
    assert shown == story.timeline()[1]


async def test_a_message_is_found_only_in_its_conversation(read_models: ReadModelStore) -> None:
    story, root = a_thread()
    other = ConversationStory(ALICE, BOB)
    other.sent(ALICE)
    await told(read_models, *story.events, *other.events)

    assert await read_models.message(other.id, root) is None
    assert await read_models.message(story.id, str(new_id())) is None
