"""The repository as a reader of its docs sees it: its files, its headings and its Python names.

A fresh clone holds only what git tracks, so a reference resolves only to a file git tracks (or
would track: a new file not yet added counts), never to one that happens to lie in a working tree.
"""

import ast
import re
import subprocess
import tomllib
from functools import cache
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[2]


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout


@cache
def files() -> frozenset[str]:
    """Every file of the repository, as a path from its root."""
    return frozenset(_git("ls-files", "--cached", "--others", "--exclude-standard").splitlines())


@cache
def folders() -> frozenset[str]:
    return frozenset(str(parent) for path in files() for parent in PurePosixPath(path).parents)


def exists(path: str) -> bool:
    return path.rstrip("/") in files() | folders()


def is_built(path: str) -> bool:
    """A path git ignores is made by a build (`web/out`), so a doc may name it though no clone has it.

    Asked as a folder too: a pattern such as `out/` matches only folders, and a path that does not
    exist yet cannot tell git that it is one.
    """
    ignored = (
        subprocess.run(["git", "check-ignore", "-q", "--no-index", each], cwd=REPO, check=False)
        for each in (path, f"{path}/")
    )
    return any(completed.returncode == 0 for completed in ignored)


def text_files(pattern: str = "*") -> list[str]:
    return sorted(path for path in files() if PurePosixPath(path).match(pattern) and _is_text(path))


def _is_text(path: str) -> bool:
    try:
        (REPO / path).read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError):
        return False
    return True


def read(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


@cache
def source_roots() -> tuple[str, ...]:
    """The folders Python imports from (`platform/` among them), as mypy is told in pyproject.toml."""
    pyproject = tomllib.loads(read("pyproject.toml"))
    return tuple(str(PurePosixPath(root)) for root in pyproject["tool"]["mypy"]["mypy_path"].split(":"))


def module_file(dotted: str) -> str | None:
    """The file of module or package `dotted`, under whichever source root holds it."""
    for root in source_roots():
        base = PurePosixPath(root, *dotted.split("."))
        for candidate in (f"{base}.py", f"{base}/__init__.py"):
            candidate = str(PurePosixPath(candidate))
            if candidate in files():
                return candidate
    return None


def is_package_folder(dotted: str) -> bool:
    return any(exists(str(PurePosixPath(root, *dotted.split(".")))) for root in source_roots())


@cache
def _tree(path: str) -> ast.Module:
    return ast.parse(read(path), filename=path)


def _defined(body: list[ast.stmt], *, with_imports: bool) -> set[str]:
    names: set[str] = set()
    for node in body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif with_imports and isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def defines(path: str, symbol: str, *, with_imports: bool = False) -> bool:
    """Whether `path` defines `symbol`, a name or `Class.member`, read from its syntax, not imported.

    A `path::symbol` names where a thing is written, so a name the file only imports does not count;
    a dotted module reference names what a reader can import, so it does (`with_imports`).
    """
    body: list[ast.stmt] = _tree(path).body
    name, _, member = symbol.partition(".")
    if name not in _defined(body, with_imports=with_imports):
        return False
    if not member:
        return True
    classes = [node for node in body if isinstance(node, ast.ClassDef) and node.name == name]
    return any(_defines_in_class(cls, member) for cls in classes)


def _defines_in_class(cls: ast.ClassDef, member: str) -> bool:
    name, _, rest = member.partition(".")
    if name not in _defined(cls.body, with_imports=False):
        return False
    nested = [node for node in cls.body if isinstance(node, ast.ClassDef) and node.name == name]
    return not rest or any(_defines_in_class(inner, rest) for inner in nested)


def heading_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a markdown text."""
    anchors: set[str] = set()
    for line in strip_code_blocks(markdown).splitlines():
        if match := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line):
            slug = re.sub(r"[^\w\- ]", "", match.group(1).lower()).replace(" ", "-")
            anchor, n = slug, 0
            while anchor in anchors:
                n += 1
                anchor = f"{slug}-{n}"
            anchors.add(anchor)
    return anchors


def strip_code_blocks(markdown: str) -> str:
    """Markdown without its fenced blocks, whose text is code and links nothing."""
    return re.sub(r"^```.*?^```", "", markdown, flags=re.DOTALL | re.MULTILINE)
