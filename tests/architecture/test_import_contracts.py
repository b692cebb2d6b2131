"""The contracts in `.importlinter` hold on this tree, and each of them is able to fail.

A contract that nothing can break proves nothing, so every contract is broken on purpose: one
offending import is planted in a copy of `contexts/` and `platform/`, and `lint-imports` must
reject the copy, naming exactly the contracts that import breaks. `PYTHONPATH` puts the copy
ahead of the editable install, so the copy is what gets analysed.
"""

import configparser
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contract_names() -> dict[str, str]:
    """The human name of every contract, by the id in its section header."""
    config = configparser.ConfigParser()
    config.read(REPO / ".importlinter")
    prefix = "importlinter:contract:"
    return {
        section.removeprefix(prefix): config[section]["name"]
        for section in config.sections()
        if section.startswith(prefix)
    }


CONTRACTS = contract_names()


@dataclass(frozen=True)
class LintResult:
    exit_code: int
    output: str

    @property
    def broken(self) -> set[str]:
        # Long contract names are wrapped over several lines, so compare with whitespace collapsed.
        text = " ".join(self.output.split())
        return {key for key, name in CONTRACTS.items() if f"{name} BROKEN" in text}


def lint_imports(root: Path) -> LintResult:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(root / "platform")])}
    completed = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return LintResult(completed.returncode, completed.stdout + completed.stderr)


def copy_of_the_tree(destination: Path, planted: dict[str, str]) -> Path:
    """Copy what lint-imports analyses, then write `planted` (path: source) into the copy."""
    for folder in ("runtime", "contexts", "platform"):
        shutil.copytree(REPO / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / ".importlinter", destination / ".importlinter")
    for relative_path, source in planted.items():
        path = destination / relative_path
        assert not path.exists(), f"planting must not replace real code: {relative_path}"
        path.write_text(source)
    return destination


@dataclass(frozen=True)
class Violation:
    planted: dict[str, str]
    breaks: set[str]


VIOLATIONS = {
    "domain imports its own adapters": Violation(
        {"contexts/groups/domain/planted.py": "import contexts.groups.adapters\n"},
        # The adapters import the domain, so the planted import closes a cycle too.
        breaks={"context-layers", "acyclic-siblings"},
    ),
    "contracts import their own domain": Violation(
        {"contexts/identity/contracts/planted.py": "import contexts.identity.domain\n"},
        breaks={"context-layers"},
    ),
    "a context module outside every layer": Violation(
        {"contexts/groups/helpers.py": '"""Belongs to no layer."""\n'},
        breaks={"context-layers"},
    ),
    "domain imports sqlalchemy": Violation(
        {"contexts/identity/domain/planted.py": "import sqlalchemy\n"},
        breaks={"pure-core"},
    ),
    "application imports fastapi": Violation(
        {"contexts/identity/application/planted.py": "import fastapi\n"},
        breaks={"pure-core"},
    ),
    "ports import infra": Violation(
        {"contexts/messaging/ports/planted.py": "import infra.bus\n"},
        breaks={"pure-core"},
    ),
    "contracts import pydantic": Violation(
        {"contexts/messaging/contracts/planted.py": "import pydantic\n"},
        breaks={"pure-core"},
    ),
    "kernel imports sqlalchemy": Violation(
        {"platform/kernel/planted.py": "import sqlalchemy\n"},
        breaks={"pure-core"},
    ),
    "domain imports another context's domain": Violation(
        {"contexts/groups/domain/planted.py": "import contexts.identity.domain\n"},
        breaks={"contexts-meet-in-adapters-and-application", "contexts-meet-through-contracts"},
    ),
    "domain imports another context's contracts": Violation(
        {"contexts/groups/domain/planted.py": "import contexts.identity.contracts\n"},
        breaks={"contexts-meet-in-adapters-and-application"},
    ),
    "adapters import another context's domain": Violation(
        # Groups already depends on identity (its contracts): the reverse would be a cycle as well.
        {"contexts/groups/adapters/planted.py": "import contexts.identity.domain\n"},
        breaks={"contexts-meet-through-contracts"},
    ),
    "kernel imports contexts": Violation(
        {"platform/kernel/planted.py": "import contexts\n"},
        breaks={"platform-layers"},
    ),
    "infra imports runtime": Violation(
        {"platform/infra/planted.py": "import runtime\n"},
        breaks={"platform-layers"},
    ),
    "runtime imports a context past its container": Violation(
        {"runtime/planted.py": "import contexts.groups.application\n"},
        breaks={"runtime-composes-containers"},
    ),
    "two sibling modules import each other": Violation(
        {
            "contexts/groups/domain/first.py": "from contexts.groups.domain import second\n",
            "contexts/groups/domain/second.py": "from contexts.groups.domain import first\n",
        },
        breaks={"acyclic-siblings"},
    ),
}

# Imports the architecture allows on purpose, so that no contract is stricter than the design.
ALLOWED = {
    "runtime/planted.py": "import contexts.groups.container\n",
    "contexts/groups/adapters/planted.py": "import contexts.identity.contracts\nimport infra.bus\n",
    "contexts/groups/application/planted.py": "import contexts.identity.contracts\n",
    "contexts/groups/ports/planted.py": "import contexts.groups.contracts\n",
    "contexts/groups/domain/planted.py": "import kernel.errors\n",
}


def test_the_tree_keeps_every_contract() -> None:
    result = lint_imports(REPO)

    assert result.exit_code == 0, result.output


def test_every_contract_has_a_planted_violation() -> None:
    proved = {key for violation in VIOLATIONS.values() for key in violation.breaks}

    assert proved == set(CONTRACTS)


def test_a_copy_with_the_allowed_imports_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_imports(copy_of_the_tree(tmp_path, ALLOWED))

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("violation", VIOLATIONS.values(), ids=VIOLATIONS.keys())
def test_a_planted_violation_breaks_its_contract(tmp_path: Path, violation: Violation) -> None:
    result = lint_imports(copy_of_the_tree(tmp_path, violation.planted))

    assert result.exit_code != 0
    assert result.broken == violation.breaks, result.output
