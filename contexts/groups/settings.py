"""Groups' settings: its database, how large a group may grow, and how fast its members may change it."""

from pydantic import BaseModel, Field

from infra.db.database_url import database_url


class GroupsSettings(BaseModel):
    groups_database_url: str = database_url("groups")
    group_member_limit: int = Field(
        1000,
        ge=2,
        description="The most members a group may have, its owner included; one more is refused (409).",
    )
    group_changes_per_second: float = Field(
        2.0,
        gt=0,
        description=(
            "Changes to groups (creating, renaming, deleting, adding, removing and promoting members, "
            "choosing who may add one) one user may make per second, sustained."
        ),
    )
    group_changes_burst: int = Field(
        30, ge=1, description="Changes to groups one user may make at once before the rate holds."
    )
    group_additions_per_user_per_hour: float = Field(
        20.0,
        gt=0,
        description=(
            "Groups one user may be put into by others per hour, sustained (created with them as a member, "
            "or added to); one more is answered 429 with `Retry-After`, to the one adding them."
        ),
    )
    group_additions_per_user_burst: int = Field(
        20,
        ge=1,
        description="Groups one user may be put into by others at once before the hourly rate holds.",
    )
