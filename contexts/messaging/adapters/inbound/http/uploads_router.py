"""The routes of files: uploading one to post with a message, and reading one, or its thumbnail.

A file is served so that it can do no harm in a browser: as the type detected from its content,
never sniffed (`nosniff`), shown in place only when it is a raster image (`Upload.shown_inline`),
else offered as a download, and sandboxed by its own Content-Security-Policy should a browser
show it anyway.
"""

from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.datastructures import UploadFile as FilePart

from contexts.messaging.adapters.inbound.http.byte_ranges import byte_range
from contexts.messaging.adapters.inbound.http.upload_schemas import Upload
from contexts.messaging.application.read_upload import ReadUpload
from contexts.messaging.application.upload_file import UploadFile
from contexts.messaging.domain.upload import THUMBNAIL_MAX_SIDE
from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.rate_limited import RATE_LIMITED, rate_limited
from infra.web.responses import UNAUTHORIZED, Responses
from kernel.errors import InvalidValueError

UPLOADS_PATH = "/api/v1/uploads"
CACHE_CONTROL = "private, max-age=86400"
_MULTIPART = "multipart/form-data"
"""A file never changes once uploaded; only its readers' own browsers keep it."""
FILE_POLICY = "default-src 'none'; sandbox"
THUMBNAIL_TYPE = "image/webp"
_NOT_FOUND: Responses = {
    404: {
        "description": "No such upload, or the caller may not read it (it is not theirs, nor posted in a"
        " conversation they take part in), or its message was deleted"
    }
}
_FILE_HEADERS = {
    name: {"description": description, "schema": {"type": "string"}}
    for name, description in {
        "Content-Disposition": "`inline` for PNG, JPEG, GIF and WebP images, else `attachment`; with the"
        " filename (`filename*`)",
        "Cache-Control": CACHE_CONTROL,
        "Content-Security-Policy": FILE_POLICY,
        "X-Content-Type-Options": "nosniff",
    }.items()
}
_ANY_FILE = {"*/*": {"schema": {"type": "string", "format": "binary"}}}
_ONE_FILE = {
    "required": True,
    "content": {
        _MULTIPART: {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "The file; its filename is kept.",
                    }
                },
            }
        }
    },
}
"""The body, read by the route itself (see `upload`), described as FastAPI would describe a parameter."""
_MULTIPART_OVERHEAD_BYTES = 64 * 1024
"""What an upload's body carries besides the file: the part's boundaries and headers."""


def larger_request_bodies(max_file_bytes: int) -> dict[str, int]:
    """The body an upload may have: its file is measured against the limit itself, once received."""
    return {UPLOADS_PATH: max_file_bytes + _MULTIPART_OVERHEAD_BYTES}


def build_uploads_router(
    *, upload_file: UploadFile, read_upload: ReadUpload, upload_limit: RateLimit
) -> APIRouter:
    router = APIRouter(tags=["messaging"])

    @router.post(
        UPLOADS_PATH,
        status_code=201,
        dependencies=[rate_limited(upload_limit)],
        openapi_extra={"requestBody": _ONE_FILE},
        summary="Upload a file to post with a message",
        description="Multipart form data with one part, `file`. The file is the caller's alone until a"
        " message of theirs names it in `attachment_ids`; one never posted is removed after a while"
        " (`UNATTACHED_UPLOAD_RETENTION_SECONDS`). An image's thumbnail is made a moment later.",
        responses={
            **UNAUTHORIZED,
            **RATE_LIMITED,
            400: {
                "description": "The body is not multipart form data, cannot be read, or has parts besides"
                " `file`"
            },
            413: {"description": "The file is larger than `UPLOAD_MAX_BYTES` (25 MiB by default)"},
            415: {
                "description": "The file's type, detected from its content, is one"
                " `UPLOAD_TYPES_DENIED` refuses"
            },
            422: {
                "description": "No `file` part, an empty file, or an image that cannot be read (corrupt, cut"
                " short, or more pixels than `UPLOAD_MAX_IMAGE_PIXELS`)"
            },
        },
    )
    async def upload(request: Request, principal: CurrentPrincipal) -> Upload:
        """The body is read here, not as a parameter, which FastAPI would read before the access
        token and the rate limit are checked: a caller refused either way sends no file first. It is
        spooled to a temporary file as it arrives (in memory only while small)."""
        if not request.headers.get("content-type", "").startswith(_MULTIPART):
            raise HTTPException(400, f"The body must be {_MULTIPART}, with one part named `file`.")
        async with request.form(max_files=1, max_fields=0) as form:
            part = form.get("file")
            if not isinstance(part, FilePart):
                raise InvalidValueError("file", "The body has no part named `file` holding a file.")
            return Upload.of(
                await upload_file(principal.user_id, filename=part.filename or "", file=part.file)
            )

    @router.get(
        UPLOADS_PATH + "/{upload_id}",
        response_class=StreamingResponse,
        summary="The bytes of a file: its uploader, and the participants of the conversation it is posted in",
        description="One range of bytes may be asked for (`Range: bytes=a-b`, `a-` or `-n`), answered 206;"
        " several are answered with the whole file.",
        responses={
            200: {"description": "The whole file", "content": _ANY_FILE, "headers": _FILE_HEADERS},
            206: {
                "description": "The range asked for",
                "content": _ANY_FILE,
                "headers": {**_FILE_HEADERS, "Content-Range": {"schema": {"type": "string"}}},
            },
            **UNAUTHORIZED,
            **_NOT_FOUND,
            416: {
                "description": "The range starts past the file's end; `Content-Range` gives its size",
                "headers": {"Content-Range": {"schema": {"type": "string"}}},
            },
        },
    )
    async def download(
        upload_id: UUID,
        principal: CurrentPrincipal,
        range_: Annotated[str | None, Header(alias="Range", include_in_schema=False)] = None,
    ) -> StreamingResponse:
        upload = await read_upload(principal.user_id, upload_id)
        asked = byte_range(range_, upload.size)
        start, end = (0, upload.size) if asked is None else (asked.start, asked.end)
        headers = {
            **_served(upload.filename, inline=upload.shown_inline),
            "Accept-Ranges": "bytes",
            "Content-Length": str(end - start),
        }
        if asked is not None:
            headers["Content-Range"] = asked.content_range(upload.size)
        chunks = await read_upload.chunks(upload, start=start, end=end)
        return StreamingResponse(
            chunks, 200 if asked is None else 206, headers, media_type=upload.content_type
        )

    @router.get(
        UPLOADS_PATH + "/{upload_id}/thumbnail",
        response_class=StreamingResponse,
        summary="An image's thumbnail, for whoever may read the image",
        description=f"WebP, at most {THUMBNAIL_MAX_SIDE} pixels on its longer side. Made a moment after the"
        " upload: until then, and for a file that is no image, 404 (show the file itself instead).",
        responses={
            200: {"description": "The thumbnail", "content": {THUMBNAIL_TYPE: {}}, "headers": _FILE_HEADERS},
            **UNAUTHORIZED,
            404: {"description": _NOT_FOUND[404]["description"] + "; or it has no thumbnail (yet)"},
        },
    )
    async def thumbnail(upload_id: UUID, principal: CurrentPrincipal) -> StreamingResponse:
        upload = await read_upload(principal.user_id, upload_id, thumbnail=True)
        chunks = await read_upload.chunks(upload, thumbnail=True)
        return StreamingResponse(
            chunks, headers=_served(upload.filename, inline=True), media_type=THUMBNAIL_TYPE
        )

    return router


def _served(filename: str, *, inline: bool) -> dict[str, Any]:
    return {
        "Content-Disposition": f"{'inline' if inline else 'attachment'};"
        f" filename*=UTF-8''{quote(filename, safe='')}",
        "Cache-Control": CACHE_CONTROL,
        "Content-Security-Policy": FILE_POLICY,
        "X-Content-Type-Options": "nosniff",
    }
