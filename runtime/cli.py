"""The `chat` command: serve a process made of some contexts, migrate their databases,
rebuild their read models, set events that were set aside on their way again, or print the
OpenAPI document clients are generated from, or the context map and event catalogue; or, in a
checkout, generate a new context (`chat new-context`, docs/new-context.md).

`chat serve` with no `--context` runs every implemented context in one process (the
monolith); `chat serve --context identity` runs one context as a service of its own.
`chat projections rebuild`, `chat outbox redrive` and `chat dlq replay` work beside the serving
processes, with the same settings and contexts.
"""

import argparse
import asyncio
import gc
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import uvicorn
from pydantic import ValidationError

from infra.observability.logging import configure_logging
from infra.web.bounded_http import HttpLimits, bounded_http_protocol
from runtime.contexts import CONTEXTS
from runtime.event_docs.asyncapi import asyncapi_document
from runtime.event_docs.context_map import with_context_map
from runtime.event_docs.markdown import events_page
from runtime.event_docs.payload_schemas import payload_schemas
from runtime.new_context.generator import NewContextError, names, new_context
from runtime.process import (
    ConfigurationError,
    build_process,
    migrate_databases,
    published_events,
    rebuild_projections,
    redrive_parked_events,
    replay_dead_letters,
)
from runtime.settings import Settings

log = logging.getLogger(__name__)

DOCUMENTS = {"openapi", "context-map"}
"""The commands that print a document."""


def main(argv: Sequence[str] | None = None) -> int:
    commands = parser()
    arguments = commands.parse_args(argv)
    if arguments.command == "new-context":
        return _new_context(commands, arguments)
    try:
        settings = Settings()
    except ValidationError as error:
        commands.exit(2, f"chat: invalid configuration\n{error}\n")
    # A document printed to standard output keeps the logs off it.
    configure_logging(settings.log_level, sys.stderr if arguments.command in DOCUMENTS else None)
    contexts = arguments.context or list(CONTEXTS)
    try:
        if arguments.command == "serve":
            _serve(contexts, settings, arguments)
        elif arguments.command == "openapi":
            _write_openapi(contexts, arguments.output)
        elif arguments.command == "context-map":
            _write_event_docs(contexts, arguments)
        elif arguments.command == "projections":
            rebuilt = asyncio.run(rebuild_projections(contexts, settings))
            print(f"rebuilt the read models of {', '.join(rebuilt) or 'no context'}")
        elif arguments.command == "outbox":
            for context, redriven in asyncio.run(redrive_parked_events(contexts, settings)).items():
                print(f"{context}: redrove {redriven} parked events")
        elif arguments.command == "dlq":
            report = asyncio.run(replay_dead_letters(arguments.group, contexts, settings))
            print(f"{arguments.group}: {report.applied} dead letters applied, {report.failed} failed again")
            return 0 if report.failed == 0 else 1
        else:
            asyncio.run(migrate_databases(contexts, settings))
    except ConfigurationError as error:
        commands.exit(2, f"chat: {error}\n")
    except Exception:
        log.exception("chat %s failed", arguments.command)
        return 1
    return 0


def _new_context(commands: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    """Needs no settings: it writes source files, and reads no environment."""
    try:
        changed = new_context(arguments.root, names(arguments.name, arguments.aggregate), date.today())
    except NewContextError as error:
        commands.exit(2, f"chat new-context: {error}\n")
    for path in changed:
        print(path.relative_to(arguments.root))
    return 0


def _serve(contexts: Sequence[str], settings: Settings, arguments: argparse.Namespace) -> None:
    app = build_process(contexts, settings, migrate=not arguments.no_migrate)
    _spare_the_collector()
    uvicorn.run(
        app,
        host=arguments.host or settings.host,
        port=settings.port if arguments.port is None else arguments.port,
        **server_options(settings),
    )


FULL_COLLECTION_AFTER = 1000
"""Collections of the middle generation before a full one: CPython's default is 10."""


def _spare_the_collector() -> None:
    """Keep CPython's full garbage collections out of the way of requests and frames.

    A full collection stops the process while it scans every tracked object, and with a thousand
    sockets open that took 50 to 240 ms, every few seconds (`make bench`): most of the p99 of
    delivery. What is built before serving (modules, routes, containers) lives as long as the
    process, so it is moved out of the collector's reach; and full collections come a hundred times
    less often, leaving cyclic garbage among long-lived objects to be freed later.
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)


def _write_openapi(contexts: Sequence[str], output: Path | None) -> None:
    """The document of the chosen contexts' routes, independent of where they would store data."""
    with tempfile.TemporaryDirectory() as scratch:
        app = build_process(contexts, Settings(data_dir=Path(scratch)), migrate=False)
        document = json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document)


def _write_event_docs(contexts: Sequence[str], arguments: argparse.Namespace) -> None:
    """The map and catalogue of the chosen contexts' events, as their modules declare them wherever
    they would store data; and, if asked, the AsyncAPI document and the README's map."""
    with tempfile.TemporaryDirectory() as scratch:
        catalogue = asyncio.run(published_events(contexts, Settings(data_dir=Path(scratch))))
    schemas = payload_schemas([event.payload for event in catalogue.events])
    page = events_page(catalogue, schemas)
    if arguments.output is None:
        sys.stdout.write(page)
    else:
        arguments.output.write_text(page)
    if arguments.asyncapi is not None:
        arguments.asyncapi.write_text(json.dumps(asyncapi_document(catalogue, schemas), indent=2) + "\n")
    if arguments.readme is not None:
        arguments.readme.write_text(with_context_map(arguments.readme.read_text(), catalogue))


def server_options(settings: Settings) -> dict[str, Any]:
    """How `chat serve` configures uvicorn; tests that need a real server configure it the same way.

    The WebSocket limits are the server's to enforce: it refuses an oversized frame before
    reading it whole, and its protocol pings find peers that vanished without closing. Frames are
    not compressed: they are small JSON, and per-message deflate would cost CPU for every
    recipient of a fan-out and a compressor's memory for every connection. The monolith may face
    clients with nothing in front of it, so the HTTP limits are the server's too (ADR 20):
    httptools, bounded where uvicorn leaves it unbounded, and a cap on connections.
    """
    return {
        "http": bounded_http_protocol(
            HttpLimits(
                max_header_bytes=settings.http_max_header_bytes,
                max_headers=settings.http_max_headers,
                request_timeout_seconds=settings.http_request_timeout_seconds,
                min_body_bytes_per_second=settings.http_min_body_bytes_per_second,
            )
        ),
        "limit_concurrency": settings.http_max_connections,
        "timeout_keep_alive": settings.http_keep_alive_seconds,
        "log_config": None,  # keep the JSON logging configured by the command
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "ws_max_size": settings.realtime_max_frame_bytes,
        "ws_ping_interval": settings.realtime_ping_interval_seconds,
        "ws_ping_timeout": settings.realtime_ping_timeout_seconds,
        "ws_per_message_deflate": False,
    }


def parser() -> argparse.ArgumentParser:
    choosing_contexts = argparse.ArgumentParser(add_help=False)
    choosing_contexts.add_argument(
        "--context",
        action="append",
        choices=list(CONTEXTS),
        metavar="NAME",
        help=f"a context to include, repeatable; default: all of {', '.join(CONTEXTS)}",
    )
    chat = argparse.ArgumentParser(
        prog="chat", description="Run the chat application. Settings come from environment variables."
    )
    commands = chat.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", parents=[choosing_contexts], help="serve the HTTP API of the chosen contexts"
    )
    serve.add_argument("--host", help="listen address (default: HOST)")
    serve.add_argument("--port", type=int, help="listen port (default: PORT)")
    serve.add_argument("--no-migrate", action="store_true", help="do not migrate the databases at start-up")
    commands.add_parser(
        "migrate",
        parents=[choosing_contexts],
        help="bring the chosen contexts' databases up to date, then exit",
    )
    openapi = commands.add_parser(
        "openapi",
        parents=[choosing_contexts],
        help="print the OpenAPI document of the chosen contexts",
    )
    openapi.add_argument("--output", type=Path, help="write it to this file instead of standard output")
    context_map = commands.add_parser(
        "context-map",
        parents=[choosing_contexts],
        help="print the context map and the catalogue of the integration events of the chosen contexts"
        " (markdown), from their contracts and subscriptions",
    )
    context_map.add_argument("--output", type=Path, help="write it to this file instead of standard output")
    context_map.add_argument(
        "--asyncapi", type=Path, help="also write the catalogue to this file as AsyncAPI 3.0"
    )
    context_map.add_argument(
        "--readme", type=Path, help="also replace the map between the context-map markers of this file"
    )
    projections = commands.add_parser("projections", help="manage the read models").add_subparsers(
        dest="action", required=True
    )
    projections.add_parser(
        "rebuild",
        parents=[choosing_contexts],
        help="rebuild the chosen contexts' read models from their write side, then exit; serving"
        " processes keep answering meanwhile",
    )
    outbox = commands.add_parser("outbox", help="manage the outboxes").add_subparsers(
        dest="action", required=True
    )
    outbox.add_parser(
        "redrive",
        parents=[choosing_contexts],
        help="hand the events the relay parked in the chosen contexts' outboxes back to it, then exit;"
        " serving processes publish them",
    )
    dlq = commands.add_parser("dlq", help="manage the consumer groups' dead letters").add_subparsers(
        dest="action", required=True
    )
    replay = dlq.add_parser(
        "replay",
        parents=[choosing_contexts],
        help="hand a consumer group its dead letters again, then exit; exits 1 if any failed again",
    )
    replay.add_argument(
        "group", choices=list(CONTEXTS), metavar="GROUP", help="the consumer group: a context"
    )
    generate = commands.add_parser(
        "new-context",
        help="generate a context (its layers, an aggregate, a use case, routes, an event, migrations and"
        " tests) in the checkout at --root, and register it in the runtime, settings, deploy files and"
        " tests; prints the files it wrote (docs/new-context.md)",
    )
    generate.add_argument("name", help="the context's name, in lower case: a plural such as `polls`")
    generate.add_argument(
        "--aggregate", help="its aggregate's name, in the singular (default: NAME without its final s)"
    )
    generate.add_argument(
        "--root", type=Path, default=Path(), help="the checkout to generate it in (default: here)"
    )
    return chat
