"""Uploading files and reading them back: what is taken, how it is served, and to whom."""

import io
from collections.abc import AsyncIterator

import pytest
from PIL import Image

from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.files import EXECUTABLE, bomb_png, png, truncated_png
from tests.messaging.http.uploads import UPLOADS, upload, uploaded
from tests.monolith import serve_monolith
from tests.problems import assert_problem

MAX_BYTES = 200_000
MAX_PIXELS = 1_000_000


@pytest.fixture(scope="module")
async def api(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ChatApi]:
    async with serve_monolith(
        tmp_path_factory.mktemp("uploads"), upload_max_bytes=MAX_BYTES, upload_max_image_pixels=MAX_PIXELS
    ) as api:
        yield api


@pytest.fixture
async def alice(api: ChatApi) -> User:
    return await api.sign_up()


async def test_an_image_uploaded_is_measured_and_read_back_whole_and_inline(alice: User) -> None:
    image = png(400, 300)

    answer = await upload(alice, image, filename="../holiday/cat.png", content_type="application/pdf")
    served = await alice.client.get(f"{UPLOADS}/{answer.json()['id']}")

    assert answer.status_code == 201, answer.text
    assert answer.json() == {
        "id": answer.json()["id"],
        "filename": "cat.png",
        "content_type": "image/png",
        "size": len(image),
        "width": 400,
        "height": 300,
    }
    assert served.status_code == 200, served.text
    assert served.content == image
    assert served.headers["content-type"] == "image/png"
    assert served.headers["content-length"] == str(len(image))
    assert served.headers["content-disposition"] == "inline; filename*=UTF-8''cat.png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["accept-ranges"] == "bytes"
    assert served.headers["cache-control"].startswith("private, max-age=")
    assert served.headers["content-security-policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b"just some text",
    ],
    ids=["svg", "html", "text"],
)
async def test_a_file_claimed_to_be_an_image_is_served_as_what_it_is_and_as_a_download(
    alice: User, content: bytes
) -> None:
    answer = await upload(alice, content, filename="été.png", content_type="image/png")
    served = await alice.client.get(f"{UPLOADS}/{answer.json()['id']}")

    assert (answer.json()["content_type"], answer.json()["width"]) == ("application/octet-stream", None)
    assert served.content == content
    assert served.headers["content-type"] == "application/octet-stream"
    assert served.headers["content-disposition"] == "attachment; filename*=UTF-8''%C3%A9t%C3%A9.png"
    assert served.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("asked", "expected_range", "start", "end"),
    [
        ("bytes=2-5", "bytes 2-5/10", 2, 6),
        ("bytes=7-", "bytes 7-9/10", 7, 10),
        ("bytes=-3", "bytes 7-9/10", 7, 10),
        ("bytes=4-400", "bytes 4-9/10", 4, 10),
    ],
)
async def test_one_range_is_answered_206_with_its_bytes(
    alice: User, asked: str, expected_range: str, start: int, end: int
) -> None:
    content = b"0123456789"
    upload_id = await uploaded(alice, content)

    served = await alice.client.get(f"{UPLOADS}/{upload_id}", headers={"Range": asked})

    assert served.status_code == 206, served.text
    assert served.headers["content-range"] == expected_range
    assert served.content == content[start:end]


@pytest.mark.parametrize("asked", ["bytes=0-1,4-5", "bytes=5-2", "items=0-1", "bytes=x-"])
async def test_several_ranges_or_an_unreadable_one_are_answered_with_the_whole_file(
    alice: User, asked: str
) -> None:
    upload_id = await uploaded(alice, b"0123456789")

    served = await alice.client.get(f"{UPLOADS}/{upload_id}", headers={"Range": asked})

    assert (served.status_code, served.content) == (200, b"0123456789")


@pytest.mark.parametrize("asked", ["bytes=10-", "bytes=11-20", "bytes=-0"])
async def test_a_range_past_the_end_is_416_with_the_files_size(alice: User, asked: str) -> None:
    upload_id = await uploaded(alice, b"0123456789")

    served = await alice.client.get(f"{UPLOADS}/{upload_id}", headers={"Range": asked})

    assert_problem(served, 416)
    assert served.headers["content-range"] == "bytes */10"


async def test_a_file_over_the_limit_is_413_and_so_is_a_body_far_over_it(alice: User) -> None:
    just_over = await upload(alice, bytes(MAX_BYTES + 1))
    far_over = await upload(alice, bytes(MAX_BYTES * 10))
    at_the_limit = await upload(alice, bytes(MAX_BYTES))

    assert "larger than 200000 bytes" in assert_problem(just_over, 413)["detail"]
    assert_problem(far_over, 413)
    assert at_the_limit.status_code == 201, at_the_limit.text


async def test_other_routes_keep_the_small_limit_on_their_bodies(alice: User) -> None:
    answer = await alice.client.post(
        "/api/v1/conversations/direct",
        content=b"{" + bytes(MAX_BYTES) + b"}",
        headers={"content-type": "application/json"},
    )

    assert_problem(answer, 413)


async def test_a_refused_type_is_415(alice: User) -> None:
    answer = await upload(alice, EXECUTABLE, filename="setup.exe", content_type="image/png")

    assert "application/x-msdownload" in assert_problem(answer, 415)["detail"]


@pytest.mark.parametrize(
    "content",
    [truncated_png(), bomb_png(), bomb_png(1001, 1000), b""],
    ids=["truncated", "bomb", "just-over", "empty"],
)
async def test_a_corrupt_image_a_decompression_bomb_or_an_empty_file_is_422(
    alice: User, content: bytes
) -> None:
    answer = await upload(alice, content, filename="bad.png")

    assert assert_problem(answer, 422)["errors"][0]["field"] == "file"


async def test_an_upload_without_a_file_part_is_422(alice: User) -> None:
    answer = await alice.client.post(UPLOADS, files={"other": ("a.txt", b"hello", "text/plain")})

    assert_problem(answer, 422)


async def test_an_upload_of_more_than_the_file_is_400(alice: User) -> None:
    two_files = await alice.client.post(
        UPLOADS, files=[("file", ("a.txt", b"a", "text/plain")), ("file", ("b.txt", b"b", "text/plain"))]
    )
    with_a_field = await alice.client.post(
        UPLOADS, files={"file": ("a.txt", b"a", "text/plain")}, data={"note": "hello"}
    )

    assert_problem(two_files, 400)
    assert_problem(with_a_field, 400)


async def test_an_images_thumbnail_is_made_soon_after_and_served_small(alice: User) -> None:
    upload_id = await uploaded(alice, png(1000, 500), "wide.png")

    async def made() -> bytes:
        served = await alice.client.get(f"{UPLOADS}/{upload_id}/thumbnail")
        assert served.status_code == 200, served.text
        assert served.headers["content-type"] == "image/webp"
        assert served.headers["x-content-type-options"] == "nosniff"
        return served.content

    thumbnail = Image.open(io.BytesIO(await eventually(made)))
    assert (thumbnail.format, thumbnail.size) == ("WEBP", (320, 160))


async def test_a_file_that_is_no_image_has_no_thumbnail(alice: User) -> None:
    upload_id = await uploaded(alice, b"just some text")

    assert_problem(await alice.client.get(f"{UPLOADS}/{upload_id}/thumbnail"), 404)


async def test_nobody_but_the_uploader_reads_an_unposted_file_and_a_missing_one_is_404(
    api: ChatApi, alice: User
) -> None:
    stranger = await api.sign_up()
    upload_id = await uploaded(alice, png(), "cat.png")

    async def thumbnail_made() -> None:
        assert (await alice.client.get(f"{UPLOADS}/{upload_id}/thumbnail")).status_code == 200

    await eventually(thumbnail_made)
    for path in (f"{UPLOADS}/{upload_id}", f"{UPLOADS}/{upload_id}/thumbnail"):
        assert_problem(await stranger.client.get(path), 404)
        assert_problem(await api.client.get(path), 401)
    assert_problem(await alice.client.get(f"{UPLOADS}/00000000-0000-7000-8000-000000000000"), 404)
