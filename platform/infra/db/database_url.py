"""The setting every context with a database of its own declares alike: where that database is."""

from typing import Any

from pydantic import Field


def database_url(context: str) -> Any:
    """`<CONTEXT>_DATABASE_URL`, an embedded SQLite file under DATA_DIR by default; a settings model
    that declares it reads DATA_DIR first."""
    return Field(
        default_factory=lambda values: f"sqlite+aiosqlite:///{values['data_dir']}/{context}.db",
        description=f"SQLAlchemy URL of the {context} database (an embedded SQLite file by default).",
    )
