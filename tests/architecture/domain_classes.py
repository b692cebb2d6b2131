"""Every class the contexts declare in their domain and in their published language (`contracts`),
found by importing each module there, for the rules of tests/architecture to inspect."""

import importlib
import inspect
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def classes_in(layer: str) -> list[type]:
    """The classes declared (not imported) by the modules of `contexts/*/<layer>/`."""
    found = []
    for path in sorted((REPO / "contexts").glob(f"*/{layer}/*.py")):
        module = importlib.import_module(".".join(path.relative_to(REPO).with_suffix("").parts))
        found += [
            member
            for member in vars(module).values()
            if inspect.isclass(member) and member.__module__ == module.__name__
        ]
    return found
