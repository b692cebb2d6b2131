"use client";
/**
 * One message. Its actions (reply in thread, react, pin, edit, history, delete) sit in a menu
 * that shows on hover or focus and opens from its button, the keyboard or a long press, rather
 * than as buttons under every message; reactions and a thread's summary show under the body.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import type { Message } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { Attachments } from "./Attachments";
import { clock } from "./clock";
import { EditHistoryDialog } from "./EditHistoryDialog";
import { ErrorAlert } from "./ErrorAlert";
import { Menu, type MenuAction } from "./Menu";
import { MessageBody } from "./MessageBody";
import styles from "./MessageList.module.css";
import { Modal } from "./Modal";
import { Reactions, ReactionPicker } from "./Reactions";
import { useAction } from "./useAction";

/** How long a touch must rest on a message to open its menu. */
const LONG_PRESS_MS = 500;

interface MessageItemProps {
  message: Message;
  mine: boolean;
  senderName: string;
  /** Group owners and admins may delete anyone's message. */
  canModerate: boolean;
  /** In a group its owners and admins, in a direct conversation either person. */
  canPin: boolean;
  pinned: boolean;
  seen?: string;
  /** In the timeline, not in a thread: offers to reply in a thread and shows the thread's summary. */
  onOpenThread?: (root: Message) => void;
  /** The message a search result opened: focusable, so that focus can go to it. */
  found?: boolean;
  /** Marked as the one opened, for a moment. */
  marked?: boolean;
}

function repliesLabel(count: number): string {
  return count === 1 ? "1 reply" : `${count} replies`;
}

export function MessageItem({ message, mine, senderName, canModerate, canPin, pinned, seen, onOpenThread, found, marked }: MessageItemProps) {
  const { commands } = useChat();
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [history, setHistory] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const longPress = useRef<ReturnType<typeof setTimeout> | null>(null);
  const action = useAction();
  const live = !message.deleted;
  const replies = message.reply_count ?? 0;

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

  const react = (emoji: string, add: boolean) => void action.run(() => commands.react(message, emoji, add));

  const actions: MenuAction[] = [];
  if (live) {
    if (onOpenThread) actions.push({ label: "Reply in thread", onSelect: () => onOpenThread(message) });
    actions.push({ label: "Add reaction", onSelect: () => setPickerOpen(true) });
    if (canPin) actions.push({ label: pinned ? "Unpin" : "Pin", onSelect: () => void action.run(() => commands.pin(message, !pinned)) });
    if (mine) actions.push({ label: "Edit", onSelect: () => setDraft(message.body) });
    if (message.edited_at) actions.push({ label: "Edit history", onSelect: () => setHistory(true) });
    if (mine || canModerate) actions.push({ label: "Delete", onSelect: () => setConfirming(true) });
  }

  function cancelLongPress() {
    if (longPress.current) clearTimeout(longPress.current);
    longPress.current = null;
  }

  return (
    <article
      className={styles.message}
      data-mine={mine}
      data-seq={message.seq}
      data-marked={marked || undefined}
      tabIndex={found ? -1 : undefined}
      aria-label={mine ? "Message from you" : `Message from ${senderName}`}
      onPointerDown={(event) => {
        if (event.pointerType !== "touch" || actions.length === 0) return;
        longPress.current = setTimeout(() => setMenuOpen(true), LONG_PRESS_MS);
      }}
      onPointerUp={cancelLongPress}
      onPointerMove={cancelLongPress}
      onPointerCancel={cancelLongPress}
    >
      {!mine && <div className={styles.sender}>{senderName}</div>}
      {actions.length > 0 && draft === null && (
        <span className={styles.tools} data-open={menuOpen || pickerOpen || undefined}>
          <ReactionPicker message={message} open={pickerOpen} onOpenChange={setPickerOpen} onReact={react} />
          <Menu label="Message actions" face="⋯" actions={actions} open={menuOpen} onOpenChange={setMenuOpen} />
        </span>
      )}
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
        <MessageBody source={message.body} />
      ) : (
        <p className={`${styles.body} ${styles.deleted}`}>This message was deleted</p>
      )}
      {live && <Attachments attachments={message.attachments} />}
      {live && <Reactions reactions={message.reactions ?? []} onReact={react} />}
      {onOpenThread && replies > 0 && (
        <button type="button" className={styles.replies} onClick={() => onOpenThread(message)}>
          {repliesLabel(replies)}
          {message.last_reply_at && <span className={styles.lastReply}> · last {clock(message.last_reply_at)}</span>}
        </button>
      )}
      <div className={styles.meta}>
        <time dateTime={message.created_at}>{clock(message.created_at)}</time>
        {live && message.edited_at && <span>(edited)</span>}
        {live && pinned && <span>Pinned</span>}
        {seen && <span>{seen}</span>}
      </div>
      {!confirming && <ErrorAlert message={action.error} />}
      {history && <EditHistoryDialog message={message} onClose={() => setHistory(false)} />}
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
