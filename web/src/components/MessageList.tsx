"use client";
/**
 * The conversation's messages (replies live in their threads). Keeps the view at the bottom
 * while the reader is there, keeps their place when an older page is put in front, and loads
 * older pages at the top. The thread panel shows a thread's messages with the same list.
 */
import { useLayoutEffect, useRef, useState } from "react";
import type { ConversationSummary, Message } from "@/api/types";
import { isPinned } from "@/state/pins";
import { seenCounts, type Timeline } from "@/state/timeline";
import { useChat } from "@/store/ChatProvider";
import { ErrorAlert } from "./ErrorAlert";
import { MessageItem } from "./MessageItem";
import styles from "./MessageList.module.css";
import { PendingMessageItem } from "./PendingMessageItem";
import { useAction } from "./useAction";

/** How close to an edge (px) still counts as being at it. */
const EDGE_PX = 40;

export interface Permissions {
  kind: ConversationSummary["kind"];
  /** Group owners and admins delete anyone's message; they (or, in a direct conversation, both people) pin. */
  canModerate: boolean;
  canPin: boolean;
}

interface MessageListProps extends Permissions {
  conversationId: string;
  label: string;
  timeline: Timeline;
  /** The messages to show, from the timeline's (the timeline hides replies). */
  shown: Message[];
  loadOlder: (beforeSeq: number) => Promise<void>;
  olderLabel: string;
  startLabel: string;
  /** A thread's root, when this lists a thread: its replies' optimistic copies wait here. */
  threadRootId?: string;
  onOpenThread?: (root: Message) => void;
}

function seenLabel(count: number | undefined, kind: ConversationSummary["kind"]): string | undefined {
  if (!count) return undefined;
  return kind === "direct" ? "Seen" : `Seen by ${count}`;
}

export function MessageList(props: MessageListProps) {
  const { conversationId, label, timeline, shown, kind, canModerate, canPin, threadRootId, onOpenThread } = props;
  const { state } = useChat();
  const older = useAction();
  const [loaded, setLoaded] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const seen = seenCounts(shown, state.me, state.readMarkers[conversationId] ?? {});
  const firstSeq = timeline.messages[0]?.seq;
  const newestKey = `${shown.at(-1)?.seq}:${timeline.pending.length}`;

  useLayoutEffect(() => {
    const list = ref.current;
    if (!list || heightBeforeOlder.current === null) return;
    list.scrollTop += list.scrollHeight - heightBeforeOlder.current;
    heightBeforeOlder.current = null;
  }, [firstSeq]);

  useLayoutEffect(() => {
    const list = ref.current;
    if (list && atBottom.current) list.scrollTop = list.scrollHeight;
  }, [newestKey]);

  function loadOlder() {
    if (older.busy || !timeline.hasMore || firstSeq === undefined) return;
    heightBeforeOlder.current = ref.current?.scrollHeight ?? null;
    void older.run(() => props.loadOlder(firstSeq)).then(() => setLoaded(true));
  }

  function onScroll() {
    const list = ref.current;
    if (!list) return;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < EDGE_PX;
    if (list.scrollTop < EDGE_PX) loadOlder();
  }

  return (
    // Focusable, so that a keyboard can scroll it (axe: scrollable-region-focusable).
    <div ref={ref} role="log" aria-label={label} className={styles.log} onScroll={onScroll} tabIndex={0}>
      {timeline.hasMore && (
        // Not disabled while loading: scrolling to the top loads too, and a click then is simply a no-op.
        <button type="button" className={styles.older} onClick={loadOlder} aria-busy={older.busy}>
          {props.olderLabel}
        </button>
      )}
      <ErrorAlert message={older.error} />
      {!timeline.hasMore && loaded && <p className={styles.start}>{props.startLabel}</p>}
      {shown.map((message) => (
        <MessageItem
          key={message.seq}
          message={message}
          mine={message.sender_id === state.me}
          senderName={state.users[message.sender_id]?.display_name ?? "…"}
          canModerate={canModerate}
          canPin={canPin}
          pinned={isPinned(state.pins, message)}
          seen={seenLabel(seen.get(message.id), kind)}
          onOpenThread={onOpenThread}
        />
      ))}
      {timeline.pending.map((pending) => (
        <PendingMessageItem key={pending.clientMessageId} conversationId={conversationId} threadRootId={threadRootId} pending={pending} />
      ))}
    </div>
  );
}
