"""Snippets as both databases write them, cut into parts: the matches between markers that no body
can hold (kernel.text refuses control characters in bodies), cuts marked where the text was cut."""

import re

from contexts.messaging.ports.message_search import SnippetPart

START, STOP, CUT = "\x02", "\x03", "\x04"
"""Where a match starts and stops, and where the body was cut."""

ELLIPSIS = "…"

WORDS = 16
"""About how many words a snippet shows around the matches."""

SHOWN_WHOLE = 120
"""Characters of a body a snippet may show whole; of a longer one it shows this many from the start
when nothing in it was matched (a search by sender only)."""

_MARKERS = re.compile(f"([{START}{STOP}])")


def snippet(marked: str) -> tuple[SnippetPart, ...]:
    """The parts of `marked`, a piece of a body with the markers above in it."""
    parts: list[SnippetPart] = []
    highlighted = False
    for piece in _MARKERS.split(marked.replace(CUT, ELLIPSIS)):
        if piece in (START, STOP):
            highlighted = piece == START
        elif piece:
            parts.append(SnippetPart(piece, highlighted))
    return tuple(parts)


def cut_where_it_was(marked: str, body: str) -> str:
    """`marked`, a piece of `body` a database marked the matches in, with CUT where it leaves some of
    the body out. A piece that is not found as it is in the body is kept as it is."""
    shown = _MARKERS.sub("", marked)
    at = body.find(shown)
    if at < 0:
        return marked
    return (CUT if at > 0 else "") + marked + (CUT if at + len(shown) < len(body) else "")


def opening(body: str) -> tuple[SnippetPart, ...]:
    """The start of a body, nothing highlighted."""
    if len(body) <= SHOWN_WHOLE:
        return (SnippetPart(body, False),)
    return (SnippetPart(body[:SHOWN_WHOLE] + ELLIPSIS, False),)
