from dependency_injector import containers


class RealtimeContainer(containers.DeclarativeContainer):
    """The realtime context's composition root: the one place its ports meet their adapters.

    The context is not built yet, so there is nothing to provide.
    """
