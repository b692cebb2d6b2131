"""`chat new-context` generates a context that passes `make check` and its own tests, and registers
it everywhere the tests that enumerate contexts look; and it refuses a name it cannot use.

The generation runs in a copy of the repository (the files git knows), with this virtualenv:
`PYTHONPATH` puts the copy ahead of the editable install, so the copy is what is imported,
checked and tested. It takes a minute or two (mypy on the whole copy), so it is marked to run alone:
`pytest -m new_context`.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from runtime.cli import main

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def copy_of_the_repository(destination: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = REPO / relative
        if source.is_file():  # a file deleted but not yet committed is listed too
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / relative)
    return destination


def run(root: Path, tool: str, *arguments: str) -> None:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "platform")])}
    completed = subprocess.run(
        [str(BIN / tool), *arguments], cwd=root, env=environment, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, f"{tool} {' '.join(arguments)}:\n{completed.stdout}{completed.stderr}"


@pytest.mark.new_context
def test_a_generated_context_passes_the_checks_and_its_tests(tmp_path: Path) -> None:
    root = copy_of_the_repository(tmp_path / "repository")

    run(root, "chat", "new-context", "polls")
    # What `make new-context` runs next (`make docs api-client`), but for the web client's types.
    run(root, "chat", "openapi", "--output", "docs/api/openapi.json")
    run(
        root,
        "chat",
        "context-map",
        *("--output", "docs/events.md", "--asyncapi", "docs/api/asyncapi.json", "--readme", "README.md"),
    )

    run(root, "ruff", "check")
    run(root, "ruff", "format", "--check")
    run(root, "lint-imports", "--no-cache")
    run(root, "mypy")
    run(
        root,
        "pytest",
        "-q",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        "tests/polls",
        # Those that enumerate the contexts, and hold each one's deploy files, settings, migrations,
        # routes and events to the code.
        "tests/deploy/test_compose.py",
        "tests/deploy/test_kubernetes.py",
        "tests/deploy/test_gateway.py",
        "tests/platform/test_settings.py",
        "tests/platform/test_openapi.py",
        "tests/platform/test_event_docs.py",
        "tests/platform/test_cli.py::test_the_checked_in_openapi_document_is_what_chat_openapi_prints",
        "tests/platform/test_cli.py::test_the_checked_in_event_docs_and_readme_map_are_what_chat_context_map_prints",
        "tests/test_migrations.py",
    )


@pytest.mark.parametrize(
    ("arguments", "refusal"),
    [
        (["groups"], "there is a context named 'groups' already"),
        (["Polls"], "'Polls' cannot name a context"),
        (["poll-s"], "'poll-s' cannot name a context"),
        (["2polls"], "'2polls' cannot name a context"),
        (["billing"], "name the aggregate of 'billing' (--aggregate)"),
        (["billing", "--aggregate", "billing"], "the aggregate needs a name other than its context's"),
        (["polls", "--aggregate", "class"], "'class' cannot name an aggregate"),
    ],
)
def test_a_name_it_cannot_use_is_refused_and_nothing_is_written(
    arguments: list[str], refusal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout

    with pytest.raises(SystemExit) as exit_:
        main(["new-context", *arguments, "--root", str(REPO)])

    assert exit_.value.code == 2
    assert refusal in capsys.readouterr().err
    after = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
    assert after == before
