"""Groups' refusals that callers tell apart; each is one of the kernel's error categories."""

from kernel.errors import ConflictError, NotFoundError


class GroupNotFoundError(NotFoundError):
    """Also the answer to outsiders: whether a group exists is for its members to know."""

    def __init__(self) -> None:
        super().__init__("no such group")


class MemberNotFoundError(NotFoundError):
    def __init__(self) -> None:
        super().__init__("this user is not a member of the group")


class AlreadyMemberError(ConflictError):
    def __init__(self) -> None:
        super().__init__("this user is already a member of the group")


class OwnerCannotLeaveError(ConflictError):
    def __init__(self) -> None:
        super().__init__(
            "the owner cannot leave while other members remain; make another member the owner first"
        )


class OwnerStaysOwnerError(ConflictError):
    def __init__(self) -> None:
        super().__init__("the owner stops being owner only by making another member the owner")


class GroupFullError(ConflictError):
    def __init__(self, member_limit: int) -> None:
        super().__init__(f"the group has {member_limit} members, as many as a group may have")
