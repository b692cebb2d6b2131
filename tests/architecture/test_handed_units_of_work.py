"""Whoever is handed a unit of work (a parameter named `uow`) never commits it; only whoever
opened it (`async with unit_of_work() as uow`) does. That is what lets an event handler's changes
and its inbox entry, or a use case's steps, commit together, and why no docstring has to say so."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def commits_of_handed_units_of_work(source: str) -> list[str]:
    """The functions in `source` that commit a unit of work they were handed, by name and line."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        arguments = function.args
        if "uow" not in {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}:
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "commit"
                and isinstance(node.value, ast.Name)
                and node.value.id == "uow"
            ):
                found.append(f"{function.name}:{node.lineno}")
    return found


def test_no_one_commits_a_unit_of_work_they_were_handed() -> None:
    offenders = {
        str(path.relative_to(REPO)): commits
        for folder in ("contexts", "platform")
        for path in sorted((REPO / folder).rglob("*.py"))
        if (commits := commits_of_handed_units_of_work(path.read_text()))
    }
    assert offenders == {}


def test_a_handler_that_commits_what_it_was_handed_is_caught() -> None:
    planted = """
async def record(uow, user_id):
    await uow.known_users.add(user_id)
    await uow.commit()

async def use_case(unit_of_work):
    async with unit_of_work() as uow:
        await uow.commit()
"""
    assert commits_of_handed_units_of_work(planted) == ["record:4"]
