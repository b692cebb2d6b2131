"""The context map: the contexts, and an arrow from each publisher to each context that consumes
its events, named by them. It is the README's map, between two markers, so the README cannot
forget a consumer the code has."""

from runtime.event_docs.catalogue import EventCatalogue

START = "<!-- context-map:start -->"
END = "<!-- context-map:end -->"


def context_map(catalogue: EventCatalogue) -> str:
    """A mermaid flowchart, fenced; one arrow per publisher and consumer, naming each event type it
    carries (without the publisher's prefix)."""
    lines = ["```mermaid", "flowchart LR"]
    lines += [f"    {context}([{context}])" for context in catalogue.contexts]
    arrows: dict[tuple[str, str], list[str]] = {}
    for event in catalogue.events:
        for consumer in dict.fromkeys(subscription.context for subscription in event.consumers):
            arrows.setdefault((event.producer, consumer), []).append(event.name)
    lines += [
        f'    {producer} -. "{"<br/>".join(types)}" .-> {consumer}'
        for (producer, consumer), types in arrows.items()
    ]
    return "\n".join([*lines, "```"]) + "\n"


def with_context_map(text: str, catalogue: EventCatalogue) -> str:
    """`text` with the map between its markers replaced by the current one."""
    before, start, rest = text.partition(START)
    _, end, after = rest.partition(END)
    if not (start and end):
        raise ValueError(f"no {START} ... {END} block to put the context map in")
    return f"{before}{START}\n{context_map(catalogue)}{END}{after}"
