/**
 * Threads. The conversation's timeline holds every message, replies included (one gap-free seq
 * for resume and unread counts), and shows only what is not a reply; a thread opened beside it
 * is a timeline of its own, keyed by its root's id, paged from the thread route, with the root
 * first. Frames reach both: a reply joins its open thread, and `thread.updated` refreshes the
 * summary (reply count, last reply, recent repliers) the root shows in the timeline.
 */
import type { Message } from "@/api/types";
import type { ThreadUpdate } from "@/realtime/frames";
import type { Timeline } from "./timeline";

export type Threads = Record<string, Timeline>;

/** What the conversation's timeline shows: roots and unthreaded messages, not replies. */
export function mainLine(messages: Message[]): Message[] {
  return messages.filter((message) => !message.thread_root_id);
}

export function withThreadUpdate(message: Message, update: ThreadUpdate): Message {
  if (message.id !== update.root_id) return message;
  const { reply_count, last_reply_at, recent_replier_ids } = update;
  return { ...message, reply_count, last_reply_at, recent_replier_ids };
}

/** The thread a message belongs to, when it is a reply: replying to a reply attaches to the same root. */
export function threadOf(message: Message): string {
  return message.thread_root_id ?? message.id;
}
