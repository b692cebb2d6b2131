"""Messaging's settings: its database, where MongoDB keeps its read models, where uploaded files
are stored, how fast one may send and change messages and search them, in how large a group
only moderators may mention everyone, what files may be uploaded, how large and how often, how long
files no message holds are kept, and the language messages are searched in."""

from pathlib import Path

from pydantic import BaseModel, Field

from contexts.messaging.domain.mention_of_everyone import MODERATORS_ONLY_ABOVE
from infra.db.database_url import database_url


class MessagingSettings(BaseModel):
    messaging_database_url: str = database_url("messaging")
    mongodb_database: str = Field(
        "hexchat",
        min_length=1,
        description="The MongoDB database holding the read models, when MONGODB_URL is set.",
    )
    files_dir: Path = Field(
        default_factory=lambda values: values["data_dir"] / "files",
        description="Directory of uploaded files when `FILES_S3_BUCKET` is empty; created owner-only.",
    )
    files_s3_bucket: str = Field(
        "",
        description=(
            "S3 bucket of uploaded files; empty: they are kept under `FILES_DIR`. Credentials are the "
            "standard `AWS_*` variables (or the instance's role)."
        ),
    )
    files_s3_endpoint_url: str | None = Field(
        None, description="URL of an S3-compatible store (MinIO, ...); empty: AWS's endpoint of the region."
    )
    files_s3_region: str = Field("us-east-1", min_length=1, description="Region of `FILES_S3_BUCKET`.")
    message_sends_per_second: float = Field(
        5.0, gt=0, description="Messages one user may send per second, sustained; more are answered 429."
    )
    message_sends_burst: int = Field(
        50, ge=1, description="Messages one user may send at once before `MESSAGE_SENDS_PER_SECOND` holds."
    )
    message_changes_per_second: float = Field(
        2.0,
        gt=0,
        description="Edits, deletions, pins and reactions a user may make per second, sustained.",
    )
    message_changes_burst: int = Field(
        20,
        ge=1,
        description="Edits, deletions, pins and reactions a user may make at once before the rate holds.",
    )
    searches_per_second: float = Field(
        2.0,
        gt=0,
        description="Message searches one user may make per second, sustained; more are answered 429.",
    )
    searches_burst: int = Field(
        10, ge=1, description="Message searches one user may make at once before `SEARCHES_PER_SECOND` holds."
    )
    mention_all_moderators_only_above: int = Field(
        MODERATORS_ONLY_ABOVE,
        ge=0,
        description="In a group conversation of more participants than this, only the group's owners and"
        " admins may write `@all`; anyone else's send or edit with it is answered 403 (0: in every group).",
    )
    upload_max_bytes: int = Field(
        25 * 1024 * 1024,
        ge=1,
        description="The largest file one may upload, in bytes; a larger one is answered 413.",
    )
    upload_max_image_pixels: int = Field(
        50_000_000,
        ge=1,
        description="The most pixels (width times height) an uploaded image may declare; more is refused"
        " 422 as a decompression bomb.",
    )
    upload_types_denied: str = Field(
        "application/x-msdownload,application/x-executable,application/x-mach-binary",
        description="Comma-separated media types, as detected from a file's content, that are refused with"
        " 415 (executables by default; `none` refuses none).",
    )
    uploads_per_second: float = Field(
        1.0, gt=0, description="Files one user may upload per second, sustained; more are answered 429."
    )
    uploads_burst: int = Field(
        20, ge=1, description="Files one user may upload at once before `UPLOADS_PER_SECOND` holds."
    )
    unattached_upload_retention_seconds: int = Field(
        86400,
        ge=1,
        description="How long an upload never posted with a message is kept; the sweeper then removes"
        " its file.",
    )
    upload_sweep_interval_seconds: float = Field(
        600.0,
        gt=0,
        description="How often the sweeper removes the files of deleted messages and of uploads kept too long"
        " unattached.",
    )
    search_language: str = Field(
        "english",
        pattern=r"^[a-z_][a-z0-9_]*$",
        description="The PostgreSQL text search configuration messages are searched in (its stems and"
        " stop words: `simple` has none), when messaging's database is PostgreSQL; the first search or"
        " indexing fails with the configurations the server has if it lacks this one (`SELECT cfgname"
        " FROM pg_ts_config`). A change applies to messages indexed after it: `chat projections"
        " rebuild` indexes them all again. On SQLite the index folds case and diacritics and stems no"
        " language (ADR 36).",
    )
