"""Generates a context from `template/` and registers it in the files that list every context.

The template is a tree of real files whose paths and contents hold placeholders (`{{context}}`,
`{{Aggregate}}`, ...); `registrations/` holds the lines each registration inserts. Each insertion
is found by what the file already holds (the last line of its kind, a node of its syntax tree, or
a marker comment where nothing else says where), never by rewriting the file, so a reader can
see in the diff the handful of lines a new context costs outside its own folders.
"""

import ast
import keyword
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
TEMPLATE = HERE / "template"
REGISTRATIONS = HERE / "registrations"
SUFFIX = ".tmpl"
"""Every template file ends with it, so no tool of the repository reads a template as code."""

_NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class NewContextError(Exception):
    """A name the generator refuses, or a file it cannot find its place in; nothing was written."""


@dataclass(frozen=True)
class Names:
    context: str
    """The context's name: its package, URL path, database, topic and settings prefix."""
    aggregate: str
    """Its aggregate's name, in the singular."""

    def placeholders(self, today: date) -> dict[str, str]:
        return {
            "context": self.context,
            "Context": _camel(self.context),
            "CONTEXT": self.context.upper(),
            "context_s": _possessive(self.context),
            "Context_s": _possessive(_camel(self.context)),
            "aggregate": self.aggregate,
            "Aggregate": _camel(self.aggregate),
            "AGGREGATE": self.aggregate.upper(),
            "aggregates": f"{self.aggregate}s",
            "aggregate_words": self.aggregate.replace("_", " "),
            "today": today.isoformat(),
        }


def names(context: str, aggregate: str | None = None) -> Names:
    """The names of a new context; a context named in the plural (`polls`) has its aggregate named
    in the singular (`poll`) unless told otherwise."""
    if aggregate is None:
        if not context.endswith("s"):
            raise NewContextError(f"name the aggregate of {context!r} (--aggregate): it is not a plural")
        aggregate = context.removesuffix("s")
    for kind, name in (("a context", context), ("an aggregate", aggregate)):
        if not _NAME.fullmatch(name) or keyword.iskeyword(name):
            raise NewContextError(
                f"{name!r} cannot name {kind}: it must be a Python identifier in lower case"
                " (letters, digits and single underscores, starting with a letter)"
            )
    if aggregate == context:
        raise NewContextError(f"the aggregate needs a name other than its context's, {context!r}")
    return Names(context, aggregate)


Anchor = Callable[[str], int]
"""Where in a file's text (by line index) a registration's lines go."""


def below_last_line(pattern: str) -> Anchor:
    def anchor(text: str) -> int:
        matching = [i for i, line in enumerate(text.splitlines()) if re.search(pattern, line)]
        if not matching:
            raise NewContextError(f"no line matches {pattern!r}")
        return matching[-1] + 1

    return anchor


def above_marker(marker: str) -> Anchor:
    def anchor(text: str) -> int:
        matching = [i for i, line in enumerate(text.splitlines()) if marker in line]
        if len(matching) != 1:
            raise NewContextError(f"expected one line marked {marker!r}, found {len(matching)}")
        return matching[0]

    return anchor


def below_last_import_from(package: str) -> Anchor:
    """After the module's last `from <package>... import`; ruff then sorts the imports."""

    def anchor(text: str) -> int:
        return _last_end(
            node
            for node in ast.parse(text).body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package)
        )

    return anchor


def below_last_function(prefix: str) -> Anchor:
    def anchor(text: str) -> int:
        return _last_end(
            node
            for node in ast.parse(text).body
            if isinstance(node, ast.FunctionDef) and node.name.startswith(prefix)
        )

    return anchor


def above_first_base(class_name: str) -> Anchor:
    """Before the first base class, on a line of its own, of the module's class `class_name`."""

    def anchor(text: str) -> int:
        for node in ast.parse(text).body:
            if isinstance(node, ast.ClassDef) and node.name == class_name and node.bases:
                if node.bases[0].lineno == node.lineno:
                    raise NewContextError(f"the bases of {class_name} are not one to a line")
                return node.bases[0].lineno - 1
        raise NewContextError(f"no class {class_name} with a base")

    return anchor


def at_end_of_dict(variable: str) -> Anchor:
    """Before the closing brace, on a line of its own, of the dictionary assigned to `variable`."""

    def anchor(text: str) -> int:
        for end in _dicts_assigned_to(text, variable):
            return end - 1
        raise NewContextError(f"no dictionary assigned to {variable}")

    return anchor


def _dicts_assigned_to(text: str, variable: str) -> list[int]:
    """The last line of each dictionary assigned to `variable` at the top of the module."""
    ends = []
    for node in ast.parse(text).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        named = any(isinstance(target, ast.Name) and target.id == variable for target in targets)
        if named and isinstance(value, ast.Dict) and value.end_lineno is not None:
            ends.append(value.end_lineno)
    return ends


def _last_end(nodes: Iterable[ast.stmt]) -> int:
    ends = [node.end_lineno for node in nodes if node.end_lineno is not None]
    if not ends:
        raise NewContextError("no statement of the kind looked for")
    return max(ends)


@dataclass(frozen=True)
class Registration:
    path: str
    """The file, from the repository's root."""
    snippet: str
    """The file of `registrations/` holding the lines to insert."""
    anchor: Anchor


REGISTERED_IN: Sequence[Registration] = (
    Registration("runtime/contexts.py", "contexts-import.py", below_last_import_from("contexts.")),
    Registration("runtime/contexts.py", "contexts-builder.py", below_last_function("build_")),
    Registration("runtime/contexts.py", "contexts-entry.py", at_end_of_dict("CONTEXTS")),
    Registration("runtime/settings.py", "settings-import.py", below_last_import_from("contexts.")),
    # Pydantic reads the last base's fields first, the platform's, which the contexts' defaults read;
    # the contexts come before it in the reverse of `CONTEXTS`' order, so the newest goes first.
    Registration("runtime/settings.py", "settings-base.py", above_first_base("Settings")),
    Registration(
        "docs/configuration.md", "configuration.md", below_last_line(r"^\| `[A-Z_]+_DATABASE_URL` \|")
    ),
    Registration(
        "deploy/compose.yaml", "compose-services.yaml", above_marker("adds a context's services above")
    ),
    Registration(
        "deploy/compose.yaml", "compose-gateway-upstream.yaml", below_last_line(r"^ +[A-Z_]+_UPSTREAM: ")
    ),
    Registration(
        "deploy/compose.yaml",
        "compose-gateway-depends-on.yaml",
        above_marker("adds a context's service above"),
    ),
    Registration(
        "deploy/gateway/default.conf.template", "gateway-upstream.conf", below_last_line(r"^upstream ")
    ),
    Registration(
        "deploy/gateway/default.conf.template", "gateway-location.conf", below_last_line(r"location /api/v1/")
    ),
    Registration(
        "deploy/postgres/create-databases.sql", "create-databases.sql", below_last_line(r"^CREATE DATABASE ")
    ),
    Registration(
        "deploy/k8s/overlays/microservices/kustomization.yaml",
        "kustomization.yaml",
        below_last_line(r"^  - \w+\.yaml$"),
    ),
    Registration(
        "deploy/k8s/overlays/microservices/secrets.yaml",
        "k8s-secrets.yaml",
        below_last_line(r"^  \w+: postgresql\+asyncpg://"),
    ),
    Registration(
        "deploy/k8s/overlays/microservices/ingress.yaml",
        "k8s-ingress.yaml",
        above_marker("adds a context's route above"),
    ),
    Registration(
        "deploy/k8s/overlays/microservices/web.yaml", "k8s-web.yaml", below_last_line(r"_UPSTREAM, value: ")
    ),
    Registration("tests/deploy/test_gateway.py", "gateway-test-route.py", at_end_of_dict("ROUTES")),
)
"""Every file that lists the contexts by name. The tests that enumerate them otherwise follow
`runtime.contexts.CONTEXTS`, and devstack starts each context it lists."""


def registered_contexts(root: Path) -> set[str]:
    """The contexts `runtime.contexts.CONTEXTS` lists, read without importing them."""
    for node in ast.parse((root / "runtime/contexts.py").read_text()).body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "CONTEXTS"
            and isinstance(node.value, ast.Dict)
        ):
            return {
                key.value
                for key in node.value.keys
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            }
    return set()


def new_context(root: Path, new: Names, today: date) -> list[Path]:
    """Writes the context's files into the repository at `root` and registers it; answers every
    file written or changed, formatted by ruff."""
    if (root / "contexts" / new.context).exists() or new.context in registered_contexts(root):
        raise NewContextError(f"there is a context named {new.context!r} already")
    placeholders = new.placeholders(today)
    edited = _registered(root, placeholders)
    created = _from_template(root, placeholders)
    for path, text in edited.items():
        path.write_text(text)
    changed = [*created, *edited]
    _format(root, [path for path in changed if path.suffix == ".py"])
    return changed


def _registered(root: Path, placeholders: Mapping[str, str]) -> dict[Path, str]:
    """Each registration file's new text; all are found before any is written."""
    texts: dict[Path, str] = {}
    for registration in REGISTERED_IN:
        path = root / registration.path
        text = texts.get(path) or path.read_text()
        try:
            at = registration.anchor(text)
        except NewContextError as error:
            raise NewContextError(f"{registration.path}: {error}") from error
        snippet = fill((REGISTRATIONS / (registration.snippet + SUFFIX)).read_text(), placeholders)
        lines = text.splitlines(keepends=True)
        texts[path] = "".join([*lines[:at], snippet, *lines[at:]])
    return texts


def _from_template(root: Path, placeholders: Mapping[str, str]) -> list[Path]:
    created = []
    for source in sorted(TEMPLATE.rglob("*" + SUFFIX)):
        relative = fill(str(source.relative_to(TEMPLATE)), placeholders).removesuffix(SUFFIX)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(source.read_text(), placeholders))
        created.append(target)
    return created


def fill(text: str, placeholders: Mapping[str, str]) -> str:
    def value(placeholder: re.Match[str]) -> str:
        if placeholder[1] not in placeholders:
            raise NewContextError(f"the template names no such placeholder: {placeholder[0]}")
        return placeholders[placeholder[1]]

    return _PLACEHOLDER.sub(value, text)


def _format(root: Path, paths: Sequence[Path]) -> None:
    """Sort the imports and format as `make fix` does, with the ruff installed beside this Python."""
    ruff = Path(sys.executable).parent / "ruff"
    files = [str(path) for path in paths]
    # The arguments are this generator's own: ruff, and the files it has just written.
    subprocess.run([str(ruff), "check", "--quiet", "--fix", "--select", "I", *files], cwd=root, check=True)  # noqa: S603
    subprocess.run([str(ruff), "format", "--quiet", *files], cwd=root, check=True)  # noqa: S603


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"
