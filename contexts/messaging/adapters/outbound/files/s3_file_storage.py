"""Files in an S3 bucket (AWS, MinIO, or any S3-compatible store), through aiobotocore.

A write streams: its chunks are gathered into parts of PART_BYTES, each sent as it fills, so an
upload holds at most one part in memory. A file smaller than one part goes in a single PUT; a
larger one in a multipart upload, which S3 shows only once completed (whole or not at all), and
which is aborted when the chunks fail, so no parts are left behind to pay for. Reads ask S3 for
the range they need.

The client, and its pool of connections, is made at the first call and kept until `close`.
"""

import asyncio
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from aiobotocore.session import AioSession
from botocore.exceptions import ClientError

from contexts.messaging.adapters.outbound.files.keys import checked_key
from contexts.messaging.ports.file_storage import FileNotInStorageError

if TYPE_CHECKING:
    # The client's types come from stubs, a development dependency only.
    from types_aiobotocore_s3 import S3Client
    from types_aiobotocore_s3.type_defs import CompletedPartTypeDef

PART_BYTES = 5 * 1024 * 1024
"""The smallest part S3 accepts (but for the last one)."""
READ_CHUNK_BYTES = 64 * 1024
_MISSING = frozenset({"NoSuchKey", "404"})
_UNSATISFIABLE = "InvalidRange"
"""Asked from past the end of the file, or for any byte of an empty one: S3 answers 416, storage
answers no bytes."""


class S3FileStorage:
    def __init__(self, session: AioSession, bucket: str, *, endpoint_url: str | None, region: str) -> None:
        """Credentials are the session's: the standard AWS_* variables, a profile or an instance role."""
        self._session = session
        self._bucket = bucket
        self._endpoint_url = endpoint_url
        self._region = region
        self._clients = AsyncExitStack()
        self._client: S3Client | None = None
        self._making_client = asyncio.Lock()

    async def write(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        key = checked_key(key)
        client = await self._s3()
        pending = bytearray()
        size = 0
        upload_id: str | None = None
        parts: list[CompletedPartTypeDef] = []
        try:
            async for chunk in chunks:
                pending += chunk
                size += len(chunk)
                while len(pending) >= PART_BYTES:
                    if upload_id is None:
                        created = await client.create_multipart_upload(Bucket=self._bucket, Key=key)
                        upload_id = created["UploadId"]
                    part = bytes(pending[:PART_BYTES])
                    del pending[:PART_BYTES]
                    parts.append(await self._upload_part(client, key, upload_id, len(parts) + 1, part))
            if upload_id is None:
                await client.put_object(Bucket=self._bucket, Key=key, Body=bytes(pending))
                return size
            if pending:
                parts.append(await self._upload_part(client, key, upload_id, len(parts) + 1, bytes(pending)))
            await client.complete_multipart_upload(
                Bucket=self._bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
        except BaseException:
            if upload_id is not None:
                await client.abort_multipart_upload(Bucket=self._bucket, Key=key, UploadId=upload_id)
            raise
        return size

    async def read(self, key: str, *, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        key = checked_key(key)
        client = await self._s3()
        if end is not None and end <= start:
            await self._ensure_stored(client, key)
            return
        last = "" if end is None else str(end - 1)
        try:
            response = await client.get_object(Bucket=self._bucket, Key=key, Range=f"bytes={start}-{last}")
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in _MISSING:
                raise FileNotInStorageError(key) from error
            if code == _UNSATISFIABLE:
                return
            raise
        async with response["Body"] as body:
            async for chunk in body.iter_chunks(READ_CHUNK_BYTES):
                yield chunk

    async def delete(self, key: str) -> None:
        """S3 answers a missing key's deletion as done."""
        client = await self._s3()
        await client.delete_object(Bucket=self._bucket, Key=checked_key(key))

    async def close(self) -> None:
        await self._clients.aclose()
        self._client = None

    async def _s3(self) -> "S3Client":
        async with self._making_client:
            if self._client is None:
                self._client = await self._clients.enter_async_context(
                    self._session.create_client(
                        "s3", endpoint_url=self._endpoint_url, region_name=self._region
                    )
                )
            return self._client

    async def _upload_part(
        self, client: "S3Client", key: str, upload_id: str, number: int, part: bytes
    ) -> "CompletedPartTypeDef":
        uploaded = await client.upload_part(
            Bucket=self._bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=part
        )
        return {"ETag": uploaded["ETag"], "PartNumber": number}

    async def _ensure_stored(self, client: "S3Client", key: str) -> None:
        try:
            await client.head_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code", "") in _MISSING:
                raise FileNotInStorageError(key) from error
            raise
