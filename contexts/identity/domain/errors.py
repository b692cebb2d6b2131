"""Identity's refusals that callers tell apart; each is one of the kernel's error categories."""

from kernel.errors import AuthenticationError, ConflictError


class UsernameTakenError(ConflictError):
    def __init__(self) -> None:
        super().__init__("this username is taken")


class BadCredentialsError(AuthenticationError):
    """One answer for an unknown user and a wrong password, so the answer does not reveal which."""

    def __init__(self) -> None:
        super().__init__("unknown username or wrong password")


class RefreshTokenRefusedError(AuthenticationError):
    def __init__(self, detail: str = "the refresh token is not valid") -> None:
        super().__init__(detail)


class RefreshTokenReusedError(RefreshTokenRefusedError):
    """A token that was already exchanged came back: someone holds a stolen copy of it."""

    def __init__(self) -> None:
        super().__init__("the refresh token was already used; the session is revoked")
