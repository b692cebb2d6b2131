"""Messaging's search index in every process a test composes in-process, until the SQL adapters
of the index are wired in messaging's container: the fake, shared by the session (tests keep
apart by making conversations of their own)."""

from collections.abc import Iterator

import pytest
from dependency_injector import providers

from contexts.messaging.container import MessagingContainer
from tests.messaging.application.fakes import FakeMessageSearch


@pytest.fixture(scope="session", autouse=True)
def message_search() -> Iterator[FakeMessageSearch]:
    fake = FakeMessageSearch()
    with MessagingContainer.message_search.override(providers.Object(fake)):
        yield fake
