"use client";
/**
 * A thread: its root, then its replies, and a composer that replies in it. Beside the
 * conversation on wide screens, in its place on phones (ConversationView lays that out).
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { ApiError, errorMessage } from "@/api/problem";
import { emptyTimeline } from "@/state/timeline";
import { useChat } from "@/store/ChatProvider";
import { useEnsureUsers } from "@/store/useEnsureUsers";
import { Composer } from "./Composer";
import { ErrorAlert } from "./ErrorAlert";
import { MessageList, type Permissions } from "./MessageList";
import styles from "./ThreadPanel.module.css";

interface ThreadPanelProps extends Permissions {
  conversationId: string;
  rootId: string;
  closed: boolean;
  /** A reply opened from a search, by seq. */
  focusSeq?: number;
}

function loadFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return "This thread does not exist.";
  return errorMessage(error);
}

export function ThreadPanel({ conversationId, rootId, closed, focusSeq, ...permissions }: ThreadPanelProps) {
  const { state, commands } = useChat();
  const [error, setError] = useState<string | null>(null);
  const thread = state.threads[rootId] ?? emptyTimeline;
  useEnsureUsers(thread.messages.map((message) => message.sender_id));

  useEffect(() => {
    commands.loadThread(conversationId, rootId).catch((failure: unknown) => setError(loadFailure(failure)));
  }, [commands, conversationId, rootId]);

  return (
    <aside className={styles.panel} aria-labelledby={`thread-${rootId}`}>
      <header className={styles.header}>
        <h2 id={`thread-${rootId}`} className={styles.title}>
          Thread
        </h2>
        <Link href={`/?c=${conversationId}`} className={styles.close}>
          Close thread
        </Link>
      </header>
      <ErrorAlert message={error} />
      <MessageList
        {...permissions}
        conversationId={conversationId}
        label="Thread messages"
        timeline={thread}
        shown={thread.messages}
        loadOlder={(beforeSeq) => commands.loadThread(conversationId, rootId, beforeSeq)}
        olderLabel="Load earlier replies"
        startLabel="This is the start of the thread."
        threadRootId={rootId}
        focusSeq={focusSeq}
      />
      {!closed && !error && (
        <Composer conversationId={conversationId} threadRootId={rootId} label="Reply" placeholder="Reply in thread" submitLabel="Send reply" />
      )}
    </aside>
  );
}
