"use client";
import Link from "next/link";
import type { ConversationSummary } from "@/api/types";
import { conversationTitle, otherParticipant, type ChatState } from "@/state/chat";
import { orderedSummaries } from "@/state/conversations";
import { useChat } from "@/store/ChatProvider";
import { useEnsureUsers } from "@/store/useEnsureUsers";
import styles from "./ConversationList.module.css";

function preview(state: ChatState, summary: ConversationSummary): string {
  const last = summary.last_message;
  if (!last) return "No messages yet";
  if (last.deleted) return "Message deleted";
  // A message of files alone is named by its files.
  const text = last.body || last.attachments.map((attachment) => attachment.filename).join(", ");
  return last.sender_id === state.me ? `You: ${text}` : text;
}

export function ConversationList({ openId }: { openId: string | null }) {
  const { state } = useChat();
  const summaries = orderedSummaries(state.summaries);
  useEnsureUsers(
    summaries.flatMap((summary) => (summary.kind === "direct" ? [otherParticipant(state, summary) ?? ""] : [])).filter(Boolean),
  );

  if (!state.summariesLoaded && summaries.length === 0) return <p className={styles.empty}>Loading conversations…</p>;
  if (summaries.length === 0) return <p className={styles.empty}>No conversations yet.</p>;
  return (
    <ul className={styles.list}>
      {summaries.map((summary) => (
        <li key={summary.id}>
          <Link
            href={`/?c=${summary.id}`}
            className={styles.item}
            aria-current={summary.id === openId ? "page" : undefined}
          >
            <span className={styles.title}>{conversationTitle(state, summary)}</span>{" "}
            <span className={styles.preview}>{preview(state, summary)}</span>
            {summary.unread_count > 0 && (
              <span className={styles.badge} aria-label={`${summary.unread_count} unread`}>
                {summary.unread_count}
              </span>
            )}
          </Link>
        </li>
      ))}
    </ul>
  );
}
