"use client";
import { useState, type KeyboardEvent } from "react";
import type { Message } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { ErrorAlert } from "./ErrorAlert";
import styles from "./MessageList.module.css";
import { Modal } from "./Modal";
import { useAction } from "./useAction";

interface MessageItemProps {
  message: Message;
  mine: boolean;
  senderName: string;
  /** Group owners and admins may delete anyone's message. */
  canModerate: boolean;
  seen?: string;
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function MessageItem({ message, mine, senderName, canModerate, seen }: MessageItemProps) {
  const { commands } = useChat();
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const live = !message.deleted;

  async function save() {
    if (draft === null) return;
    if (await action.run(() => commands.edit(message, draft))) setDraft(null);
  }

  function onEditorKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      setDraft(null);
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  }

  async function remove() {
    if (await action.run(() => commands.remove(message))) setConfirming(false);
  }

  return (
    <article className={styles.message} data-mine={mine} aria-label={mine ? "Message from you" : `Message from ${senderName}`}>
      {!mine && <div className={styles.sender}>{senderName}</div>}
      {draft !== null ? (
        <div className={styles.editor}>
          <textarea aria-label="Edit message" value={draft} onChange={(event) => setDraft(event.target.value)} onKeyDown={onEditorKey} autoFocus />
          <div className={styles.actions}>
            <button type="button" onClick={() => void save()} disabled={action.busy}>
              Save
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : live ? (
        <p className={styles.body}>{message.body}</p>
      ) : (
        <p className={`${styles.body} ${styles.deleted}`}>This message was deleted</p>
      )}
      <div className={styles.meta}>
        <time dateTime={message.created_at}>{clock(message.created_at)}</time>
        {live && message.edited_at && <span>(edited)</span>}
        {seen && <span>{seen}</span>}
      </div>
      {live && draft === null && (mine || canModerate) && (
        <div className={styles.actions}>
          {mine && (
            <button type="button" onClick={() => setDraft(message.body)}>
              Edit message
            </button>
          )}
          <button type="button" onClick={() => setConfirming(true)}>
            Delete message
          </button>
        </div>
      )}
      {!confirming && <ErrorAlert message={action.error} />}
      {confirming && (
        <Modal title="Delete message?" onClose={() => setConfirming(false)}>
          <p>It will show as deleted for everyone.</p>
          <ErrorAlert message={action.error} />
          <div className={styles.actions}>
            <button type="button" className="primary" onClick={() => void remove()} disabled={action.busy}>
              Delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </Modal>
      )}
    </article>
  );
}
