"""Notifications' settings: its database."""

from pydantic import BaseModel

from infra.db.database_url import database_url


class NotificationsSettings(BaseModel):
    notifications_database_url: str = database_url("notifications")
