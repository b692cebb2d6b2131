"use client";
import type { PendingMessage } from "@/state/timeline";
import { useChat } from "@/store/ChatProvider";
import { AttachmentNames } from "./Attachments";
import { MessageBody } from "./MessageBody";
import styles from "./MessageList.module.css";

/** One of our messages the server has not confirmed: sending, or failed with a way to retry. */
interface PendingMessageItemProps {
  conversationId: string;
  /** The thread a reply was sent in. */
  threadRootId?: string;
  pending: PendingMessage;
}

export function PendingMessageItem({ conversationId, threadRootId, pending }: PendingMessageItemProps) {
  const { commands } = useChat();
  return (
    <article className={styles.message} data-mine="true" aria-label="Message from you">
      <MessageBody source={pending.body} />
      <AttachmentNames attachments={pending.attachments} />
      <div className={styles.meta}>
        {pending.status === "sending" ? (
          <span>Sending…</span>
        ) : (
          <>
            <span className={styles.failed}>Not sent</span>
            <button
              type="button"
              // Same client_message_id: if the first attempt did reach the server, it is not sent twice.
              onClick={() => void commands.send(conversationId, pending.body, pending.clientMessageId, threadRootId, pending.attachments).catch(() => undefined)}
            >
              Retry
            </button>
          </>
        )}
      </div>
    </article>
  );
}
