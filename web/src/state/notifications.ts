/** The caller's notifications, newest first, with the unread count the badge shows. */
import type { Notification } from "@/api/types";

export interface Notifications {
  items: Notification[];
  unreadCount: number;
}

export const noNotifications: Notifications = { items: [], unreadCount: 0 };

export function notificationCreated(state: Notifications, notification: Notification): Notifications {
  if (state.items.some((item) => item.id === notification.id)) return state;
  return {
    items: [notification, ...state.items],
    unreadCount: state.unreadCount + (notification.read_at === null ? 1 : 0),
  };
}

export function notificationRead(state: Notifications, id: string, at: string): Notifications {
  const target = state.items.find((item) => item.id === id);
  if (!target || target.read_at !== null) return state;
  return {
    items: state.items.map((item) => (item.id === id ? { ...item, read_at: at } : item)),
    unreadCount: Math.max(0, state.unreadCount - 1),
  };
}

export function allRead(state: Notifications, at: string): Notifications {
  return { items: state.items.map((item) => ({ ...item, read_at: item.read_at ?? at })), unreadCount: 0 };
}
