"""Messaging's composition root: the one place its ports meet their adapters.

The runtime supplies the inputs (`settings`, `clock`, and `mongodb` when MONGODB_URL is
set) and takes `module`, what messaging adds to a process: its command, query and search routes,
its outbox, its consumers of the events of identity (who exists, by which username), groups (who
takes part in each group's conversation) and its own (which feed its read models and its search
index), and the rebuild of those read models and that index; and its files: their routes, where
their bytes are stored, the worker that makes images' thumbnails, and the sweeper of files no
message holds.
"""

from collections.abc import Sequence
from typing import Any

from aiobotocore.session import AioSession
from dependency_injector import containers, providers
from pymongo import AsyncMongoClient
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.messaging.adapters.inbound.events import from_groups, from_identity
from contexts.messaging.adapters.inbound.events.from_groups import GroupEvents
from contexts.messaging.adapters.inbound.http.pins_router import build_pins_router
from contexts.messaging.adapters.inbound.http.reactions_router import build_reactions_router
from contexts.messaging.adapters.inbound.http.router import build_router
from contexts.messaging.adapters.inbound.http.search_router import build_search_router
from contexts.messaging.adapters.inbound.http.uploads_router import (
    build_uploads_router,
    larger_request_bodies,
)
from contexts.messaging.adapters.outbound.files.filetype_content_types import FiletypeContentTypes
from contexts.messaging.adapters.outbound.files.local_file_storage import LocalFileStorage
from contexts.messaging.adapters.outbound.files.pillow_images import PillowImages
from contexts.messaging.adapters.outbound.files.s3_file_storage import S3FileStorage
from contexts.messaging.adapters.outbound.mongodb.read_model_store import MongoReadModelStore
from contexts.messaging.adapters.outbound.sqlalchemy import tables
from contexts.messaging.adapters.outbound.sqlalchemy.message_search import message_search as search_index
from contexts.messaging.adapters.outbound.sqlalchemy.read_model_store import SqlAlchemyReadModelStore
from contexts.messaging.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyMessagingUnitOfWork
from contexts.messaging.application import read_model_projector, search_projector
from contexts.messaging.application.conversation_queries import ConversationQueries
from contexts.messaging.application.delete_message import DeleteMessage
from contexts.messaging.application.edit_history_query import EditHistoryQuery
from contexts.messaging.application.edit_message import EditMessage
from contexts.messaging.application.follow_group import FollowGroup
from contexts.messaging.application.make_thumbnails import MakeThumbnails
from contexts.messaging.application.mark_conversation_read import MarkConversationRead
from contexts.messaging.application.open_direct_conversation import OpenDirectConversation
from contexts.messaging.application.pin_message import PinMessage
from contexts.messaging.application.pinned_messages_query import PinnedMessagesQuery
from contexts.messaging.application.react_to_message import ReactToMessage
from contexts.messaging.application.read_model_projector import ReadModelProjector
from contexts.messaging.application.read_upload import ReadUpload
from contexts.messaging.application.rebuild_read_models import RebuildReadModels
from contexts.messaging.application.search_messages import SearchMessages
from contexts.messaging.application.search_projector import SearchProjector
from contexts.messaging.application.send_message import SendMessage
from contexts.messaging.application.unpin_message import UnpinMessage
from contexts.messaging.application.upload_file import UploadFile
from contexts.messaging.application.upload_sweeper import UploadSweeper
from contexts.messaging.contracts import events
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from contexts.messaging.ports.message_search import MessageSearch
from contexts.messaging.ports.read_model_store import ReadModelStore
from contexts.messaging.settings import MessagingSettings
from infra.context_module import Task, through_inbox, without_inbox
from infra.limits.rate_limit import Rate
from infra.limits.token_buckets import shared_token_bucket
from infra.observability.projection_lag import measured_projection
from infra.write_side_container import WriteSideContainer
from kernel.clock import Clock
from kernel.integration_event import payloads_in


def _read_models(
    mongodb: AsyncMongoClient[dict[str, Any]] | None,
    mongodb_database: str,
    sessions: async_sessionmaker[AsyncSession],
) -> SqlAlchemyReadModelStore | MongoReadModelStore:
    """MongoDB when the process has a client for it, else the embedded tables beside the write side."""
    if mongodb is None:
        return SqlAlchemyReadModelStore(sessions)
    return MongoReadModelStore(mongodb, mongodb_database)


def _file_storage(settings: MessagingSettings) -> LocalFileStorage | S3FileStorage:
    """An S3 bucket when one is named, else a directory of this machine."""
    if not settings.files_s3_bucket:
        return LocalFileStorage(settings.files_dir)
    return S3FileStorage(
        AioSession(),
        settings.files_s3_bucket,
        endpoint_url=settings.files_s3_endpoint_url,
        region=settings.files_s3_region,
    )


def _preparing(read_models: ReadModelStore) -> Sequence[Task]:
    """MongoDB's indexes are made at migration; the embedded tables come with the migrations."""
    return [read_models.create_indexes] if isinstance(read_models, MongoReadModelStore) else []


def _closing(file_storage: LocalFileStorage | S3FileStorage) -> Sequence[Task]:
    """A bucket's client keeps a pool of connections; a directory keeps nothing open."""
    return [file_storage.close] if isinstance(file_storage, S3FileStorage) else []


THUMBNAILS_LOOKED_FOR_EVERY_SECONDS = 1.0
"""How often the thumbnail worker looks for images uploaded (to any replica) since it last did: a
thumbnail is seldom wanted sooner, and the query is one indexed row or none."""


class MessagingContainer(containers.DeclarativeContainer):
    settings: providers.Dependency[MessagingSettings] = providers.Dependency(instance_of=MessagingSettings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    """The Clock every use case reads the time from."""
    mongodb: providers.Dependency[AsyncMongoClient[dict[str, Any]] | None] = providers.Dependency(
        default=providers.Object(None)
    )
    """The process's MongoDB client, which holds the read models; None: they are embedded."""
    redis: providers.Dependency[Redis | None] = providers.Dependency(default=providers.Object(None))
    """Rate limits shared by every replica; without it, they are counted in this process."""

    write_side = providers.Container(
        WriteSideContainer,
        context="messaging",
        database_url=settings.provided.messaging_database_url,
        tables=tables.outbox,
        migrations=tables.migrations,
        published=payloads_in(events),
        unit_of_work_type=SqlAlchemyMessagingUnitOfWork,
    )
    unit_of_work: providers.Provider[SqlAlchemyMessagingUnitOfWork] = write_side.unit_of_work
    read_models = providers.Singleton(
        _read_models, mongodb, settings.provided.mongodb_database, write_side.sessions
    )
    message_search: providers.Provider[MessageSearch] = providers.Singleton(
        search_index, write_side.sessions, settings.provided.search_language
    )
    """In messaging's own database, whichever store holds the read models; a test may pass the fake."""
    file_storage = providers.Singleton(_file_storage, settings)
    """Where the bytes of uploaded files and their thumbnails are kept (FILES_S3_BUCKET)."""

    open_direct_conversation = providers.Singleton(OpenDirectConversation, unit_of_work.provider, clock)
    who_may_mention_everyone = providers.Singleton(
        WhoMayMentionEveryone, settings.provided.mention_all_moderators_only_above
    )
    send_message = providers.Singleton(SendMessage, unit_of_work.provider, clock, who_may_mention_everyone)
    edit_message = providers.Singleton(EditMessage, unit_of_work.provider, clock, who_may_mention_everyone)
    delete_message = providers.Singleton(DeleteMessage, unit_of_work.provider, clock)
    react_to_message = providers.Singleton(ReactToMessage, unit_of_work.provider, clock)
    mark_conversation_read = providers.Singleton(MarkConversationRead, unit_of_work.provider, clock)
    pin_message = providers.Singleton(PinMessage, unit_of_work.provider, clock)
    unpin_message = providers.Singleton(UnpinMessage, unit_of_work.provider, clock)
    edit_history = providers.Singleton(EditHistoryQuery, unit_of_work.provider)
    follow_group = providers.Singleton(FollowGroup, clock)
    images = providers.Singleton(PillowImages, settings.provided.upload_max_image_pixels)
    upload_file = providers.Singleton(
        UploadFile,
        unit_of_work.provider,
        clock,
        file_storage,
        providers.Singleton(FiletypeContentTypes),
        images,
        max_bytes=settings.provided.upload_max_bytes,
        types_denied=settings.provided.upload_types_denied.split.call(","),
    )
    read_upload = providers.Singleton(ReadUpload, unit_of_work.provider, file_storage)
    make_thumbnails = providers.Singleton(
        MakeThumbnails, unit_of_work.provider, file_storage, images, THUMBNAILS_LOOKED_FOR_EVERY_SECONDS
    )
    queries = providers.Singleton(ConversationQueries, read_models)
    pinned_messages = providers.Singleton(PinnedMessagesQuery, read_models, queries)
    projector = providers.Singleton(ReadModelProjector, read_models)
    upload_sweeper = providers.Singleton(
        UploadSweeper,
        unit_of_work.provider,
        file_storage,
        clock,
        retention_seconds=settings.provided.unattached_upload_retention_seconds,
        interval_seconds=settings.provided.upload_sweep_interval_seconds,
    )
    rebuild_read_models = providers.Singleton(
        RebuildReadModels, unit_of_work.provider, read_models, message_search, write_side.outbox, clock
    )
    search_messages = providers.Singleton(SearchMessages, unit_of_work.provider, read_models, message_search)

    send_limit = providers.Singleton(
        shared_token_bucket,
        "message sends",
        providers.Factory(
            Rate, settings.provided.message_sends_per_second, settings.provided.message_sends_burst
        ),
        redis,
        clock,
    )
    change_limit = providers.Singleton(
        shared_token_bucket,
        "message changes",
        providers.Factory(
            Rate, settings.provided.message_changes_per_second, settings.provided.message_changes_burst
        ),
        redis,
        clock,
    )

    search_limit = providers.Singleton(
        shared_token_bucket,
        "message searches",
        providers.Factory(Rate, settings.provided.searches_per_second, settings.provided.searches_burst),
        redis,
        clock,
    )
    upload_limit = providers.Singleton(
        shared_token_bucket,
        "uploads",
        providers.Factory(Rate, settings.provided.uploads_per_second, settings.provided.uploads_burst),
        redis,
        clock,
    )

    router = providers.Singleton(
        build_router,
        open_direct_conversation=open_direct_conversation,
        send_message=send_message,
        edit_message=edit_message,
        delete_message=delete_message,
        mark_conversation_read=mark_conversation_read,
        queries=queries,
        send_limit=send_limit,
        change_limit=change_limit,
    )
    pins_router = providers.Singleton(
        build_pins_router,
        pin_message=pin_message,
        unpin_message=unpin_message,
        pinned_messages=pinned_messages,
        edit_history=edit_history,
        change_limit=change_limit,
    )
    reactions_router = providers.Singleton(
        build_reactions_router, react_to_message=react_to_message, change_limit=change_limit
    )
    search_router = providers.Singleton(
        build_search_router, search_messages=search_messages, search_limit=search_limit
    )
    uploads_router = providers.Singleton(
        build_uploads_router, upload_file=upload_file, read_upload=read_upload, upload_limit=upload_limit
    )
    consumers = providers.List(
        providers.Singleton(
            through_inbox,
            "messaging.group_conversations",
            from_groups.EVENT_TYPES,
            unit_of_work.provider,
            providers.Singleton(GroupEvents, follow_group),
        ),
        providers.Singleton(
            through_inbox,
            "messaging.known_users",
            from_identity.EVENT_TYPES,
            unit_of_work.provider,
            from_identity.user_events,
        ),
        # No inbox: each of the projection's writes keeps the higher of two revisions, or a maximum,
        # so an event applied again, or out of order, changes nothing (ADR 11).
        providers.Singleton(
            without_inbox,
            read_model_projector.EVENT_TYPES,
            providers.Singleton(measured_projection, "messaging", projector, clock),
        ),
        # No inbox either: the search index keeps the higher of two revisions of a message.
        providers.Singleton(
            without_inbox,
            search_projector.EVENT_TYPES,
            providers.Singleton(
                measured_projection,
                "messaging.search",
                providers.Singleton(SearchProjector, message_search),
                clock,
            ),
        ),
    )
    module = providers.Singleton(
        write_side.module,
        routers=providers.List(router, pins_router, reactions_router, uploads_router, search_router),
        consumers=consumers,
        background=providers.List(make_thumbnails.provided.run, upload_sweeper.provided.run),
        larger_request_bodies=providers.Callable(larger_request_bodies, settings.provided.upload_max_bytes),
        prepare=providers.Callable(_preparing, read_models),
        closing=providers.Callable(_closing, file_storage),
        rebuild_projections=rebuild_read_models,
    )
