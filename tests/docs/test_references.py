"""What the repository's text points at exists: its links, paths and names resolve inside it.

A reference reads as a promise to a newcomer; one that leads nowhere, or outside the repository,
is worse than none. The first tests hold the repository to it; the others break each kind of
reference on purpose, so that a checker which stopped finding anything would fail too.
"""

from collections.abc import Callable

import pytest

from tests.docs import references, repository

MARKDOWN = repository.text_files("*.md")
# These tests' own broken references are planted on purpose.
EVERY_FILE = [path for path in repository.text_files() if not path.startswith("tests/docs/")]


def problems(check: Callable[[str, str], list[str]], paths: list[str]) -> list[str]:
    return [problem for path in paths for problem in check(path, repository.read(path))]


def test_every_relative_link_in_the_docs_resolves_to_a_file_and_heading() -> None:
    assert problems(references.broken_links, MARKDOWN) == []


def test_every_path_and_symbol_reference_names_a_file_that_defines_it() -> None:
    assert problems(references.broken_symbol_references, EVERY_FILE) == []


def test_every_module_the_docs_name_resolves() -> None:
    assert problems(references.broken_module_references, MARKDOWN) == []


def test_every_path_the_docs_name_exists() -> None:
    assert problems(references.missing_paths, MARKDOWN) == []


def test_no_file_names_markdown_the_repository_does_not_have() -> None:
    assert problems(references.outside_references, EVERY_FILE) == []


def test_the_docs_are_found() -> None:
    assert {"README.md", "docs/adr/README.md", "docs/api/README.md", "web/README.md"} <= set(MARKDOWN)


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("[ADR 5](adr/0005-outbox-inbox-and-event-envelope.md)", False),
        ("[ADR 5](adr/0005-outbox.md)", True),
        ("[the\nindex](adr/README.md)", False),
        ("[config](configuration.md#examples)", False),
        ("[config](configuration.md#no-such-heading)", True),
        ("[here](#a-heading)\n\n## A heading", False),
        ("[here](#another-heading)\n\n## A heading", True),
        ("[deploy files](../deploy/)", False),
        ("[outside](../../elsewhere/API.md)", True),
        ("[web](https://example.com/API.md)", False),
        ("```\n[not a link](nowhere.md)\n```", False),
        ("[defined]: nowhere.md", True),
    ],
)
def test_a_link_that_leads_nowhere_is_found(text: str, broken: bool) -> None:
    assert bool(references.broken_links("docs/planted.md", text)) == broken


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("`platform/kernel/versions.py::is_next`", False),
        ("`platform/kernel/versions.py::is_after`", True),
        ("`platform/kernel/copies.py::NotToldYetError`", False),
        ("`platform/kernel/no_such_module.py::NotToldYetError`", True),
        ("`platform/infra/db/database.py::Database.reading_sessions`", True),
        ("`platform/infra/limits/rate_limit.py::RateLimit.take`", False),
        ("`platform/infra/limits/rate_limit.py::RateLimit.give`", True),
        # A name the file imports is not written there.
        ("`platform/infra/limits/rate_limit.py::Protocol`", True),
    ],
)
def test_a_symbol_reference_to_nothing_is_found(text: str, broken: bool) -> None:
    assert bool(references.broken_symbol_references("docs/planted.md", text)) == broken


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("`kernel.versions.is_next`", False),
        ("`kernel.versions.is_after`", True),
        ("`infra.limits.rate_limit.RateLimit`", False),
        ("`infra.limits.RateLimit`", True),
        ("`infra.web.rate_limited(limit)`", False),
        ("`infra.db.engine`", True),
        ("`contexts.messaging.contracts`", False),
        ("`uuid.uuid5` and `os.environ`", False),
    ],
)
def test_a_module_reference_to_nothing_is_found(text: str, broken: bool) -> None:
    assert bool(references.broken_module_references("docs/planted.md", text)) == broken


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("`infra/db/database.py`", False),
        ("`infra/db/engine.py`", True),
        ("`contexts/messaging/domain/`", False),
        ("`contexts/messaging/domain/aggregate.py`", True),
        ("`web/out`", False),
        ("`deploy/k8s/overlays/{monolith,microservices}`", False),
        ("`application/delivery.py`", False),
        ("`/api/v1/groups`", False),
    ],
)
def test_a_path_to_nothing_is_found(text: str, broken: bool) -> None:
    assert bool(references.missing_paths("docs/planted.md", text)) == broken


@pytest.mark.parametrize(
    ("text", "broken"), [("see API.md", True), ("see DESIGN.md", True), ("see README.md", False)]
)
def test_a_markdown_file_from_elsewhere_is_found(text: str, broken: bool) -> None:
    assert bool(references.outside_references("contexts/planted.py", text)) == broken
