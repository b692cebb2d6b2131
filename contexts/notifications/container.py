from dependency_injector import containers


class NotificationsContainer(containers.DeclarativeContainer):
    """The notifications context's composition root: the one place its ports meet their adapters.

    The context is not built yet, so there is nothing to provide.
    """
