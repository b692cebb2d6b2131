"""`typing` frames beyond a socket's burst are refused with an error frame and reach no one."""

from pathlib import Path

from tests.messaging.http.chat import create_group
from tests.realtime.live import live_settings, opened, serve_live_monolith

BURST = 3


async def test_typing_frames_beyond_the_burst_get_an_error_frame_and_are_not_fanned_out(
    tmp_path: Path,
) -> None:
    settings = live_settings(tmp_path, typing_frames_per_second=0.01, typing_frames_burst=BURST)
    async with serve_live_monolith(settings) as live:
        alice, bob, carol = [await live.api.sign_up() for _ in range(3)]
        async with (
            opened(live.ws_url, alice) as alices,
            opened(live.ws_url, bob) as bobs,
            opened(live.ws_url, carol) as carols,
        ):
            group_id = await create_group(alice, bob, carol)
            for socket in (alices, bobs, carols):
                await socket.receive_each("group.updated", "conversation.created")

            for _ in range(BURST + 2):
                await alices.send({"type": "typing", "conversation_id": group_id})
            refusals = [await alices.receive_data("error") for _ in range(2)]
            await carols.send({"type": "typing", "conversation_id": group_id})
            typists = [(await bobs.receive_data("typing"))["user_id"] for _ in range(BURST + 1)]

    assert [refusal["code"] for refusal in refusals] == ["rate_limited", "rate_limited"]
    assert refusals[0]["detail"] == "Too many typing frames; try again in 100 s."
    assert typists == [alice.id] * BURST + [carol.id]
