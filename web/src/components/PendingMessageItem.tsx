"use client";
import type { PendingMessage } from "@/state/timeline";
import { useChat } from "@/store/ChatProvider";
import styles from "./MessageList.module.css";

/** One of our messages the server has not confirmed: sending, or failed with a way to retry. */
export function PendingMessageItem({ conversationId, pending }: { conversationId: string; pending: PendingMessage }) {
  const { commands } = useChat();
  return (
    <article className={styles.message} data-mine="true" aria-label="Message from you">
      <p className={styles.body}>{pending.body}</p>
      <div className={styles.meta}>
        {pending.status === "sending" ? (
          <span>Sending…</span>
        ) : (
          <>
            <span className={styles.failed}>Not sent</span>
            <button
              type="button"
              // Same client_message_id: if the first attempt did reach the server, it is not sent twice.
              onClick={() => void commands.send(conversationId, pending.body, pending.clientMessageId).catch(() => undefined)}
            >
              Retry
            </button>
          </>
        )}
      </div>
    </article>
  );
}
