import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from runtime.settings import Settings

DOC = Path(__file__).parents[2] / "docs" / "configuration.md"
ROW = re.compile(r"^\| `(?P<name>[A-Z0-9_]+)` \| (?P<default>[^|]+) \| (?P<meaning>.+) \|$", re.MULTILINE)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def test_the_defaults_run_everything_embedded() -> None:
    settings = Settings()

    assert settings.data_dir == Path("var")
    assert settings.identity_database_url == "sqlite+aiosqlite:///var/identity.db"
    assert settings.jwt_private_key_file == Path("var/keys/identity-ed25519.pem")
    assert settings.kafka_bootstrap_servers == ""
    assert settings.redis_url == ""
    assert settings.jwks_url == ""
    assert (settings.host, settings.port, settings.log_level) == ("127.0.0.1", 8000, "INFO")


def test_passwords_are_hashed_with_rfc_9106_low_memory_cost_by_default() -> None:
    settings = Settings()

    assert (
        settings.password_hash_time_cost,
        settings.password_hash_memory_kib,
        settings.password_hash_parallelism,
    ) == (3, 65536, 4)


def test_paths_under_the_data_dir_follow_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", "/srv/chat")

    settings = Settings()

    assert settings.messaging_database_url == "sqlite+aiosqlite:////srv/chat/messaging.db"
    assert settings.jwt_private_key_file == Path("/srv/chat/keys/identity-ed25519.pem")
    assert settings.files_dir == Path("/srv/chat/files")


def test_environment_variables_override_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDENTITY_DATABASE_URL", "postgresql+asyncpg://chat@db/identity")
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("ACCESS_TOKEN_TTL_SECONDS", "60")

    settings = Settings()

    assert settings.identity_database_url == "postgresql+asyncpg://chat@db/identity"
    assert settings.groups_database_url == "sqlite+aiosqlite:///var/groups.db"
    assert (settings.port, settings.log_level, settings.access_token_ttl_seconds) == (9000, "DEBUG", 60)


def test_an_empty_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDENTITY_DATABASE_URL", "")
    monkeypatch.setenv("PORT", "")

    settings = Settings()

    assert settings.identity_database_url == "sqlite+aiosqlite:///var/identity.db"
    assert settings.port == 8000


@pytest.mark.parametrize(
    ("name", "value"), [("PORT", "eighty"), ("LOG_LEVEL", "loud"), ("ACCESS_TOKEN_TTL_SECONDS", "0")]
)
def test_an_invalid_value_is_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)

    with pytest.raises(ValidationError, match=name.lower()):
        Settings()


def test_password_hashing_needs_8_kib_for_each_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSWORD_HASH_MEMORY_KIB", "31")
    monkeypatch.setenv("PASSWORD_HASH_PARALLELISM", "4")

    with pytest.raises(ValidationError, match="password_hash_memory_kib"):
        Settings()


def test_the_configuration_document_lists_every_variable_as_declared() -> None:
    rows = {row["name"]: row for row in ROW.finditer(DOC.read_text())}

    assert set(rows) == {name.upper() for name in Settings.model_fields}
    for name, field in Settings.model_fields.items():
        row = rows[name.upper()]
        assert row["meaning"] == field.description, name
        if field.default_factory is not None:
            assert "{DATA_DIR}" in row["default"], name
        elif field.default in ("", None):
            assert row["default"].strip() == "(empty)", name
        else:
            declared = str(field.default).lower() if isinstance(field.default, bool) else str(field.default)
            assert row["default"].strip().strip("`").removeprefix("./") == declared, name
