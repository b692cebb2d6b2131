import pytest

from contexts.groups.domain.role import Role
from kernel.errors import InvalidValueError


@pytest.mark.parametrize("role", list(Role))
def test_a_role_is_read_from_its_name(role: Role) -> None:
    assert Role.parse(role.value) is role


@pytest.mark.parametrize("text", ["", "Owner", "superuser", "admin "])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        Role.parse(text)
    assert refused.value.field == "role"


def test_the_owner_and_admins_manage_members() -> None:
    assert [role for role in Role if role.manages_members] == [Role.OWNER, Role.ADMIN]
