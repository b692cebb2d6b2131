"""The reaction scenario: how fast a reaction reaches a group's members, beside a message.

The baseline has no reactions, so only the chat's targets run it.
"""

import statistics
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from uuid import uuid4

from bench.chat import Account, ChatApi
from bench.scenarios import Figures, latency_figures, ready
from bench.sockets import REACTION, Inbox

_WITHIN_SECONDS = 15.0
"""How long a message or a reaction may take to reach every member; later, it counts as lost."""
EMOJI = ("👍", "🎉", "❤️", "🚀", "👀", "😂", "🙏", "🔥")


async def reactions(chat: ChatApi, ws_url: str, members: Sequence[Account], rounds: int) -> Figures:
    """One group of all `members`, every one online; `rounds` times, a member sends a message and,
    once every member has it, another member reacts to it. Each is timed from the start of its
    request to its frame at each member but its author (`message.created`,
    `message.reactions_changed`), so both travel the same way under the same load."""
    group = await chat.conversation(members)
    messages: list[float] = []
    reacted: list[float] = []
    lost = {"messages": 0, "reactions": 0}
    async with AsyncExitStack() as stack:
        inbox = Inbox(ws_url)
        await inbox.listen(stack, members)
        await ready(chat, inbox, group)
        for number in range(rounds):
            # Authors take turns, so that no one member meets the limits on sends and changes.
            sender, reactor = members[number % len(members)], members[(number + 1) % len(members)]
            client_message_id = str(uuid4())
            message_recipients = {member.user_id for member in members if member != sender}
            started = time.perf_counter()
            await chat.send(sender, group, client_message_id)
            await inbox.delivered(client_message_id, message_recipients, _WITHIN_SECONDS)
            messages += _latencies(inbox, client_message_id, message_recipients, started)
            lost["messages"] += len(message_recipients - inbox.arrivals[client_message_id].keys())
            message_id = inbox.message_ids.get(client_message_id)
            if message_id is None:
                continue
            reaction_recipients = {member.user_id for member in members if member != reactor}
            started = time.perf_counter()
            await chat.react(reactor, group, message_id, EMOJI[number % len(EMOJI)])
            await inbox.delivered(REACTION + message_id, reaction_recipients, _WITHIN_SECONDS)
            reacted += _latencies(inbox, REACTION + message_id, reaction_recipients, started)
            lost["reactions"] += len(reaction_recipients - inbox.arrivals[REACTION + message_id].keys())
    return {
        "members": len(members),
        "rounds": rounds,
        "deliveries_lost": lost,
        "message_latency": latency_figures(messages),
        "reaction_latency": latency_figures(reacted),
        # Above 1: a reaction takes longer than a message to reach a member.
        "reaction_to_message_p50": statistics.median(reacted) / statistics.median(messages)
        if reacted and messages
        else None,
    }


def _latencies(inbox: Inbox, key: str, recipients: set[str], started: float) -> list[float]:
    return [arrived - started for user_id, arrived in inbox.arrivals[key].items() if user_id in recipients]
