"""`chat projections rebuild` beside a serving monolith: the queries keep answering throughout,
and messages sent while it runs are in the rebuilt views."""

import asyncio
from pathlib import Path

from runtime.contexts import CONTEXTS
from runtime.process import rebuild_projections
from tests.api import User
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, listed, page, sent, seqs
from tests.monolith import monolith_settings, serve_monolith


async def every_seq(user: User, conversation_id: str) -> list[int]:
    """The whole timeline page by page: a slow machine sends more than one page meanwhile."""
    collected: list[int] = []
    while True:
        batch, has_more = seqs(
            await page(user, conversation_id, f"?after={collected[-1] if collected else 0}&limit=100")
        )
        collected += batch
        if not has_more:
            return collected


async def test_queries_answer_during_a_rebuild_and_nothing_sent_meanwhile_is_lost(tmp_path: Path) -> None:
    async with serve_monolith(tmp_path) as api:
        alice, bob = await api.sign_up("alice"), await api.sign_up("bob")
        conversation_id = await direct_conversation(alice, bob)
        for n in range(20):
            await sent(alice, conversation_id, f"before {n}")

        async def all_projected(count: int) -> None:
            assert await every_seq(bob, conversation_id) == list(range(1, count + 1))

        await eventually(lambda: all_projected(20))
        rebuild = asyncio.create_task(rebuild_projections(list(CONTEXTS), monolith_settings(tmp_path)))
        answers, sent_meanwhile = 0, 0
        while not rebuild.done():
            # Every answer is whole: the old views or the rebuilt ones, never a mix or an error.
            assert seqs(await page(bob, conversation_id, "?after=0&limit=20"))[0] == list(range(1, 21))
            summaries = await listed(bob)
            assert [summary["id"] for summary in summaries] == [conversation_id]
            await sent(alice, conversation_id, f"during {sent_meanwhile}")
            answers, sent_meanwhile = answers + 1, sent_meanwhile + 1

        assert await rebuild == ["messaging"]
        assert answers > 0
        await eventually(lambda: all_projected(20 + sent_meanwhile))
        (summary,) = await listed(bob)
        assert summary["unread_count"] == 20 + sent_meanwhile
