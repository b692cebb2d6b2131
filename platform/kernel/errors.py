"""Error categories the domain and application raise.

Each category means one thing to a caller (not found, conflict, ...), so inbound adapters can
translate any error of a context without knowing the context: HTTP maps them to status codes.
"""


class DomainError(Exception):
    """A rule of the domain refused the request; `detail` is safe to show to the caller."""

    title = "Request refused"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidValueError(DomainError):
    """A value breaks a rule of its type; `field` names the input it came from."""

    title = "Invalid value"

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field


class NotFoundError(DomainError):
    """The thing does not exist, or the caller may not know that it does."""

    title = "Not found"


class ConflictError(DomainError):
    title = "Conflict"


class PermissionDeniedError(DomainError):
    """The caller may see the thing but not do this to it."""

    title = "Forbidden"


class AuthenticationError(DomainError):
    title = "Unauthorized"


class ContentTooLargeError(DomainError):
    """What the request carries is larger than it may be."""

    title = "Content too large"


class UnsupportedContentTypeError(DomainError):
    """What the request carries is of a kind that is not taken."""

    title = "Unsupported media type"


class RetryLaterError(DomainError):
    """The request may succeed later, not now; `retry_after_seconds` says when to try again."""

    def __init__(self, detail: str, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class RateLimitedError(RetryLaterError):
    """The caller used up what it may ask for a while."""

    title = "Too many requests"


class OverloadedError(RetryLaterError):
    """The server has more work of this kind than it takes on at once; nobody in particular is to blame."""

    title = "Service unavailable"
