from collections.abc import Callable

from contexts.identity.application.integration_events import publish_events
from contexts.identity.application.user_view import UserView
from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.errors import UsernameTakenError
from contexts.identity.domain.password import Password
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username
from contexts.identity.ports.client_quota import ClientQuota
from contexts.identity.ports.password_hasher import PasswordHasher
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.clock import Clock
from kernel.errors import OverloadedError


class RegisterUser:
    def __init__(
        self,
        unit_of_work: Callable[[], IdentityUnitOfWork],
        passwords: PasswordHasher,
        registrations: ClientQuota,
        clock: Clock,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._passwords = passwords
        self._registrations = registrations
        self._clock = clock

    async def __call__(self, username: str, password: str, display_name: str, client: str) -> UserView:
        """Register from `client`, the address the request came from."""
        name = Username.chosen(username)
        chosen_password = Password(password)
        shown_name = DisplayName.parse(display_name)
        await self._registrations.take(client)
        try:
            # Hashed before the transaction begins, so no database connection waits on the CPU.
            password_hash = await self._passwords.hash(chosen_password)
        except OverloadedError:
            await self._registrations.give_back(client)  # turned away unheard: it must not count (ADR 19)
            raise
        async with self._unit_of_work() as uow:
            if await uow.users.get_by_username(name) is not None:
                raise UsernameTakenError()
            user = User.register(name, shown_name, password_hash, self._clock.now())
            await uow.users.add(user)
            publish_events(uow, user)
            await uow.commit()
        return UserView.of(user)
