"use client";
/**
 * The conversation's messages. Keeps the view at the bottom while the reader is there, keeps
 * their place when an older page is put in front, and loads older pages at the top.
 */
import { useLayoutEffect, useRef, useState } from "react";
import type { ConversationSummary } from "@/api/types";
import { emptyTimeline, seenCounts } from "@/state/timeline";
import { useChat } from "@/store/ChatProvider";
import { ErrorAlert } from "./ErrorAlert";
import { MessageItem } from "./MessageItem";
import styles from "./MessageList.module.css";
import { PendingMessageItem } from "./PendingMessageItem";
import { useAction } from "./useAction";

/** How close to an edge (px) still counts as being at it. */
const EDGE_PX = 40;

interface MessageListProps {
  conversationId: string;
  kind: ConversationSummary["kind"];
  canModerate: boolean;
}

function seenLabel(count: number | undefined, kind: ConversationSummary["kind"]): string | undefined {
  if (!count) return undefined;
  return kind === "direct" ? "Seen" : `Seen by ${count}`;
}

export function MessageList({ conversationId, kind, canModerate }: MessageListProps) {
  const { state, commands } = useChat();
  const timeline = state.timelines[conversationId] ?? emptyTimeline;
  const older = useAction();
  const [loaded, setLoaded] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const seen = seenCounts(timeline.messages, state.me, state.readMarkers[conversationId] ?? {});
  const firstSeq = timeline.messages[0]?.seq;
  const newestKey = `${timeline.messages.at(-1)?.seq}:${timeline.pending.length}`;

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
    void older.run(() => commands.loadOlder(conversationId, firstSeq)).then(() => setLoaded(true));
  }

  function onScroll() {
    const list = ref.current;
    if (!list) return;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < EDGE_PX;
    if (list.scrollTop < EDGE_PX) loadOlder();
  }

  return (
    <div ref={ref} role="log" aria-label="Messages" className={styles.log} onScroll={onScroll}>
      {timeline.hasMore && (
        // Not disabled while loading: scrolling to the top loads too, and a click then is simply a no-op.
        <button type="button" className={styles.older} onClick={loadOlder} aria-busy={older.busy}>
          Load earlier messages
        </button>
      )}
      <ErrorAlert message={older.error} />
      {!timeline.hasMore && loaded && <p className={styles.start}>This is the start of the conversation.</p>}
      {timeline.messages.map((message) => (
        <MessageItem
          key={message.seq}
          message={message}
          mine={message.sender_id === state.me}
          senderName={state.users[message.sender_id]?.display_name ?? "…"}
          canModerate={canModerate}
          seen={seenLabel(seen.get(message.id), kind)}
        />
      ))}
      {timeline.pending.map((pending) => (
        <PendingMessageItem key={pending.clientMessageId} conversationId={conversationId} pending={pending} />
      ))}
    </div>
  );
}
