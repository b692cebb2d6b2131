"""The kinds of reference a text makes to the repository, each with what is wrong with it.

Each function takes a file's path and text and answers one line per reference that does not
resolve, so the tests can run it over the repository and over a text broken on purpose.
"""

import re
from pathlib import PurePosixPath

from tests.docs import repository

# `[text](target)` and `![alt](target)`, the text possibly wrapped over lines; `[label]: target`.
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)

# `contexts/messaging/domain/conversation.py::Conversation.post`: a file, then a name in it.
SYMBOL_REFERENCE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.py)::([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")

CODE_SPAN = re.compile(r"`([^`\n]+)`")
# `infra.outbox.inbox.idempotent`, possibly called: `infra.web.rate_limited(limit)`.
DOTTED = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?:\(.*\))?")
# A path written with a placeholder or a wildcard names many files or none in particular.
PLACEHOLDER = re.compile(r"[<>{}*]|\.\.\.")

# `folder/file.ext`: a relative path of at least two parts (URL paths start with a slash).
REPOSITORY_PATH = re.compile(r"[\w-][\w.-]*(?:/[\w.{},*<>-]+)+")

# A file name of markdown, which a reader would look for in the repository.
MARKDOWN_NAME = re.compile(r"(?<![\w.-])([\w-]+\.md)\b")


def links(text: str) -> list[str]:
    prose = repository.strip_code_blocks(text)
    prose = CODE_SPAN.sub("", prose)
    return INLINE_LINK.findall(prose) + LINK_DEFINITION.findall(prose)


def broken_links(path: str, text: str) -> list[str]:
    """Relative links that leave the repository, or name a file or heading it does not have."""
    problems = []
    here = PurePosixPath(path).parent
    for target in links(text):
        if EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        if not file_part:
            if anchor not in repository.heading_anchors(text):
                problems.append(f"{path}: {target} names no heading of its own file")
            continue
        resolved = _normalise(here / file_part)
        if resolved is None:
            problems.append(f"{path}: {target} points outside the repository")
        elif not repository.exists(str(resolved)):
            problems.append(f"{path}: {target} does not exist")
        elif (
            anchor
            and resolved.suffix == ".md"
            and anchor not in repository.heading_anchors(repository.read(str(resolved)))
        ):
            problems.append(f"{path}: {target} names no heading of {resolved}")
    return problems


def _normalise(path: PurePosixPath) -> PurePosixPath | None:
    """`path` with its `..` resolved, or None when they climb out of the repository's root."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts) if parts else PurePosixPath(".")


def broken_symbol_references(path: str, text: str) -> list[str]:
    """References to a name in a file (a path, `::`, a name or `Class.member`) that do not resolve."""
    problems = []
    for file, symbol in SYMBOL_REFERENCE.findall(text):
        if file not in repository.files():
            problems.append(f"{path}: {file}::{symbol}: no file {file}")
        elif not repository.defines(file, symbol):
            problems.append(f"{path}: {file}::{symbol}: {file} defines no {symbol}")
    return problems


def broken_module_references(path: str, text: str) -> list[str]:
    """Dotted names of the repository's own modules (`kernel.versions.is_next`) that do not resolve."""
    problems = []
    for span in CODE_SPAN.findall(text):
        match = DOTTED.fullmatch(span)
        if not match or not _is_our_package(match.group(1).split(".")[0]):
            continue
        dotted = match.group(1)
        if problem := _unresolved(dotted):
            problems.append(f"{path}: {dotted}: {problem}")
    return problems


def _is_our_package(name: str) -> bool:
    return repository.module_file(name) is not None


def _unresolved(dotted: str) -> str | None:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        module = ".".join(parts[:end])
        if file := repository.module_file(module):
            symbol = ".".join(parts[end:])
            if not symbol or repository.defines(file, symbol, with_imports=True):
                return None
            return f"{module} defines no {symbol}"
        if repository.is_package_folder(module) and end == len(parts):
            return None
    return "no such module"


def missing_paths(path: str, text: str) -> list[str]:
    """Paths of the repository named in code spans (`infra/db/database.py`) that it does not have.

    Only paths that start at the root, or at a package of a source root (`infra/...`), are
    checked: `application/delivery.py` in an ADR about realtime is relative to its context.
    """
    problems = []
    for span in CODE_SPAN.findall(text):
        candidate = span.split("::")[0].split("#")[0].rstrip("/")
        if not REPOSITORY_PATH.fullmatch(candidate) or PLACEHOLDER.search(candidate):
            continue
        top = candidate.split("/")[0]
        roots = [
            root
            for root in ("", *repository.source_roots())
            if repository.exists(f"{root}/{top}".strip("./"))
        ]
        if not roots:
            continue
        full = [str(PurePosixPath(root, candidate)) for root in roots]
        if not any(repository.exists(each) or repository.is_built(each) for each in full):
            problems.append(f"{path}: `{span}` does not exist")
    return problems


def outside_references(path: str, text: str) -> list[str]:
    """Markdown files named that the repository does not have: a fork would inherit the pointer."""
    ours = {PurePosixPath(each).name for each in repository.files()}
    return [
        f"{path}: names {name}, which is not in the repository"
        for name in MARKDOWN_NAME.findall(text)
        if name not in ours
    ]
