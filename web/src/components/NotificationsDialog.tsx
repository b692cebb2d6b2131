"use client";
import { useRouter } from "next/navigation";
import { useId } from "react";
import type { Notification } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { useEnsureUsers } from "@/store/useEnsureUsers";
import { ErrorAlert } from "./ErrorAlert";
import { Modal } from "./Modal";
import styles from "./NotificationsDialog.module.css";
import { useAction } from "./useAction";

function describe(notification: Notification, actor: string): string {
  switch (notification.kind) {
    case "mention":
      return `${actor} mentioned you: ${notification.preview}`;
    case "reply":
      return `${actor} replied in a thread you follow: ${notification.preview}`;
    case "direct_message":
      return `${actor} sent you a message: ${notification.preview}`;
    case "added_to_group":
      return `${actor} added you to ${notification.preview}`;
  }
}

export function NotificationsDialog({ onClose }: { onClose: () => void }) {
  const { state, commands } = useChat();
  const router = useRouter();
  const { error, run } = useAction();
  const unreadId = useId();
  const { items } = state.notifications;
  useEnsureUsers(items.map((item) => item.actor_id));

  async function open(notification: Notification) {
    const done = await run(async () => {
      if (notification.read_at === null) await commands.readNotification(notification.id);
    });
    if (done) {
      onClose();
      router.push(`/?c=${notification.conversation_id}`);
    }
  }

  return (
    <Modal title="Notifications" onClose={onClose}>
      <span id={unreadId} hidden>
        Unread
      </span>
      <button type="button" onClick={() => void run(() => commands.readAllNotifications())} disabled={state.notifications.unreadCount === 0}>
        Mark all read
      </button>
      <ErrorAlert message={error} />
      {items.length === 0 ? (
        <p>No notifications.</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={styles.item}
                data-unread={item.read_at === null}
                aria-describedby={item.read_at === null ? unreadId : undefined}
                onClick={() => void open(item)}
              >
                {describe(item, state.users[item.actor_id]?.display_name ?? "Someone")}
                <time className={styles.time} dateTime={item.created_at}>
                  {new Date(item.created_at).toLocaleString()}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
