"""What the deployment files of both kinds must agree on with the code: the commands they run
and the environment variables they set."""

from collections.abc import Iterable, Sequence

from runtime.cli import parser
from runtime.contexts import CONTEXTS
from runtime.settings import Settings

SETTINGS = {name.upper() for name in Settings.model_fields}
AWS_CREDENTIALS = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
"""Read by the S3 client of `FILES_S3_BUCKET` as every AWS client reads them, not by `Settings`."""


def parse_chat_command(command: Sequence[str]) -> tuple[str, list[str]]:
    """The subcommand and contexts of a `chat` command line, parsed as `chat` itself parses it."""
    assert command[0] == "chat", command
    arguments = parser().parse_args(command[1:])
    return arguments.command, arguments.context or list(CONTEXTS)


def assert_settings(names: Iterable[str]) -> None:
    unknown = set(names) - SETTINGS - AWS_CREDENTIALS
    assert not unknown, f"not settings (runtime.settings.Settings): {sorted(unknown)}"
