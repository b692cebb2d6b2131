"""Types told from a file's magic numbers by `filetype`, which knows the binary formats (images,
media, archives, documents, executables) and no text ones: text, HTML and SVG are all
`UNKNOWN_TYPE` to it, so they are served as downloads, which is what they should be."""

import filetype  # type: ignore[import-untyped]

from contexts.messaging.ports.content_types import UNKNOWN_TYPE


class FiletypeContentTypes:
    def detect(self, head: bytes) -> str:
        kind = filetype.guess(head)
        return UNKNOWN_TYPE if kind is None else str(kind.mime)
