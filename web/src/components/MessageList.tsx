"use client";
/**
 * The conversation's messages (replies live in their threads). Keeps the view at the bottom
 * while the reader is there, keeps their place when an older page is put in front, and loads
 * older pages at the top. Opened at a message (a search result), it scrolls to that message,
 * marks it for a moment and loads newer pages at the bottom until it reaches the latest. The
 * thread panel shows a thread's messages with the same list.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "react";
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
/** How long a message opened from a search stays marked. */
const FOUND_MS = 3000;

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
  /** Pages after the last message held, when the list is a window far back (`timeline.hasNewer`). */
  loadNewer?: (afterSeq: number) => Promise<void>;
  /** The message to scroll to and mark, by seq, once it is held. */
  focusSeq?: number;
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
  const newer = useAction();
  const [loaded, setLoaded] = useState(false);
  const [found, setFound] = useState<number | null>(null);
  const [marked, setMarked] = useState(false);
  const focused = useRef<number | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const seen = seenCounts(shown, state.me, state.readMarkers[conversationId] ?? {});
  const firstSeq = timeline.messages[0]?.seq;
  const lastSeq = timeline.messages.at(-1)?.seq;
  const focusShown = props.focusSeq !== undefined && shown.some((message) => message.seq === props.focusSeq);
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

  // After the effect above, so that the message opened wins over the bottom.
  useLayoutEffect(() => {
    const seq = props.focusSeq;
    if (seq === undefined || !focusShown || focused.current === seq) return;
    const target = ref.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    if (!target) return;
    focused.current = seq;
    atBottom.current = false;
    setFound(seq);
    setMarked(true);
  }, [props.focusSeq, focusShown]);

  // Once found (and so focusable), it takes the focus, which keyboard and screen reader users follow.
  useEffect(() => {
    if (found === null) return;
    const target = ref.current?.querySelector<HTMLElement>(`[data-seq="${found}"]`);
    target?.scrollIntoView({ block: "center" });
    target?.focus({ preventScroll: true });
    const timer = setTimeout(() => setMarked(false), FOUND_MS);
    return () => clearTimeout(timer);
  }, [found]);

  function loadOlder() {
    if (older.busy || !timeline.hasMore || firstSeq === undefined) return;
    heightBeforeOlder.current = ref.current?.scrollHeight ?? null;
    void older.run(() => props.loadOlder(firstSeq)).then(() => setLoaded(true));
  }

  function loadNewer() {
    const load = props.loadNewer;
    if (!load || newer.busy || !timeline.hasNewer || lastSeq === undefined) return;
    // The page goes below what the reader is looking at, which stays where it is.
    atBottom.current = false;
    void newer.run(() => load(lastSeq));
  }

  function onScroll() {
    const list = ref.current;
    if (!list) return;
    atBottom.current = !timeline.hasNewer && list.scrollHeight - list.scrollTop - list.clientHeight < EDGE_PX;
    if (list.scrollTop < EDGE_PX) loadOlder();
    else if (list.scrollHeight - list.scrollTop - list.clientHeight < EDGE_PX) loadNewer();
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
          found={found === message.seq}
          marked={marked && found === message.seq}
        />
      ))}
      {timeline.hasNewer && props.loadNewer && (
        <button type="button" className={styles.older} onClick={loadNewer} aria-busy={newer.busy}>
          Load newer messages
        </button>
      )}
      <ErrorAlert message={newer.error} />
      {timeline.pending.map((pending) => (
        <PendingMessageItem key={pending.clientMessageId} conversationId={conversationId} threadRootId={threadRootId} pending={pending} />
      ))}
    </div>
  );
}
