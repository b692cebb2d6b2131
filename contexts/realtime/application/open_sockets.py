from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from contexts.realtime.domain.errors import SocketLimitError


class OpenSockets:
    """The sockets this process holds, by user, within caps: each socket costs memory and a share
    of every fan-out, so one user (a runaway script, a stolen token) cannot hold thousands, nor can
    one process take more than it can serve; a refused client tries later or elsewhere.

    The caps count this process's sockets only: with several realtime instances behind a gateway,
    a user may hold up to `per_user` on each.
    """

    def __init__(self, *, per_user: int, in_total: int) -> None:
        self._per_user = per_user
        self._in_total = in_total
        self._held: Counter[UUID] = Counter()

    @contextmanager
    def admit(self, user_id: UUID) -> Iterator[None]:
        """Count a socket of the user while the block runs; raises SocketLimitError, counting
        nothing, if a cap is reached."""
        if self._held[user_id] >= self._per_user:
            raise SocketLimitError(per_user=True)
        if self._held.total() >= self._in_total:
            raise SocketLimitError(per_user=False)
        self._held[user_id] += 1
        try:
            yield
        finally:
            self._held[user_id] -= 1
            if not self._held[user_id]:
                del self._held[user_id]
