/**
 * One conversation's messages as the screen shows them. Messages arrive from pages, from
 * socket frames and from our own POST answers, in any order and sometimes twice; the functions
 * here merge them so that every seq appears once, in ascending order, in its newest state.
 * Optimistic messages live apart, keyed by the client_message_id the server echoes back.
 */
import type { Attachment, Message } from "@/api/types";

export type PendingStatus = "sending" | "failed";

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  /** Uploaded already: a retry sends the same ones. */
  attachments: Attachment[];
  status: PendingStatus;
}

export interface Timeline {
  /** Ascending by seq, no duplicates. */
  messages: Message[];
  /** Our own messages the server has not confirmed yet, in the order they were written. */
  pending: PendingMessage[];
  /** Whether older messages exist before messages[0]. */
  hasMore: boolean;
  /**
   * Whether newer messages exist after the last one held: only in a window opened at an older
   * message (a search result), until it is paged up to the latest. Until then what arrives
   * after the gap is left for paging to bring, so the messages held never skip a seq.
   */
  hasNewer: boolean;
}

export const emptyTimeline: Timeline = { messages: [], pending: [], hasMore: false, hasNewer: false };

/** The newer of two states of one message: a tombstone is final, otherwise the later edit wins. */
export function newerState(current: Message, incoming: Message): Message {
  if (current.deleted) return current;
  if (incoming.deleted) return incoming;
  if (incoming.edited_at === null) return current;
  if (current.edited_at === null || incoming.edited_at > current.edited_at) return incoming;
  return current;
}

export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(current.map((message) => [message.seq, message]));
  for (const message of incoming) {
    const known = bySeq.get(message.seq);
    bySeq.set(message.seq, known ? newerState(known, message) : message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Of `incoming`, those that leave no gap after the messages held (all of them unless `hasNewer`). */
function withoutGap(timeline: Timeline, incoming: Message[]): Message[] {
  if (!timeline.hasNewer) return incoming;
  let end = lastSeq(timeline);
  const kept: Message[] = [];
  for (const message of [...incoming].sort((a, b) => a.seq - b.seq)) {
    if (message.seq > end + 1) break;
    kept.push(message);
    end = Math.max(end, message.seq);
  }
  return kept;
}

/** Adds server messages; each one of ours replaces the optimistic copy it confirms. */
export function addMessages(timeline: Timeline, incoming: Message[], me: string): Timeline {
  const confirmed = new Set(
    incoming.filter((message) => message.sender_id === me).map((message) => message.client_message_id),
  );
  return {
    ...timeline,
    messages: mergeMessages(timeline.messages, withoutGap(timeline, incoming)),
    pending: timeline.pending.filter((pending) => !confirmed.has(pending.clientMessageId)),
  };
}

/** Applies an edit or a deletion to a message we hold; one we never loaded stays unloaded. */
export function updateMessage(timeline: Timeline, message: Message): Timeline {
  if (!timeline.messages.some((known) => known.seq === message.seq)) return timeline;
  return { ...timeline, messages: mergeMessages(timeline.messages, [message]) };
}

/**
 * What a message carries besides its body: its reactions and its thread's summary. Frames of
 * their own keep them current, and `resume` does not replay those frames, so a page loaded
 * after a reconnect is the one source that catches up on them, whatever edit state it shows.
 */
function withAnnotationsOf(message: Message, page: Message): Message {
  if (message.deleted) return message;
  const { reactions, reply_count, last_reply_at, recent_replier_ids } = page;
  return { ...message, reactions, reply_count, last_reply_at, recent_replier_ids };
}

/**
 * Merges a page. Its `hasMore` speaks for what lies before the page, so it only replaces ours
 * when the page starts at or before our oldest message (a reloaded latest page does not).
 */
export function addPage(timeline: Timeline, items: Message[], hasMore: boolean, me: string): Timeline {
  const oldest = timeline.messages[0]?.seq;
  const reachesFront = items.length === 0 || oldest === undefined || items[0].seq <= oldest;
  const kept = withoutGap(timeline, items);
  // A page that joins a window and goes past its end can only be the latest page.
  const reachesLatest = kept.length === items.length && (kept.at(-1)?.seq ?? 0) >= lastSeq(timeline);
  const merged = addMessages(timeline, kept, me);
  const page = new Map(kept.map((message) => [message.seq, message]));
  const messages = merged.messages.map((message) => {
    const fromPage = page.get(message.seq);
    return fromPage ? withAnnotationsOf(message, fromPage) : message;
  });
  return { ...merged, messages, hasMore: reachesFront ? hasMore : timeline.hasMore, hasNewer: timeline.hasNewer && !reachesLatest };
}

/** Merges the page just after the last message held; `hasNewer` is the page's `has_more`. */
export function addNewerPage(timeline: Timeline, items: Message[], hasNewer: boolean, me: string): Timeline {
  const kept = withoutGap(timeline, items);
  return { ...addMessages(timeline, kept, me), hasNewer: hasNewer || kept.length < items.length };
}

/**
 * Merges the messages around one (`items`, in ascending seq, without gaps). When they meet or
 * touch those held, the two runs join; otherwise they replace them, as a window of their own
 * with older and newer messages beyond it.
 */
export function addWindow(timeline: Timeline, items: Message[], hasOlder: boolean, hasNewer: boolean, me: string): Timeline {
  const first = items[0]?.seq;
  const last = items.at(-1)?.seq;
  if (first === undefined || last === undefined) return timeline;
  const heldFirst = timeline.messages[0]?.seq;
  const heldLast = lastSeq(timeline);
  if (heldFirst === undefined || first > heldLast + 1 || last < heldFirst - 1) {
    const fresh = addMessages({ ...timeline, messages: [], hasNewer: false }, items, me);
    return { ...fresh, hasMore: hasOlder, hasNewer };
  }
  const joined = addMessages({ ...timeline, hasNewer: false }, items, me);
  return {
    ...joined,
    hasMore: first < heldFirst ? hasOlder : timeline.hasMore,
    hasNewer: last > heldLast ? hasNewer : timeline.hasNewer,
  };
}

/**
 * Starts (or restarts, for a retry) an optimistic send. A message the server already
 * confirmed is not shown again, whichever of the POST answer and the frame came first.
 */
export function sendPending(timeline: Timeline, clientMessageId: string, body: string, me: string, attachments: Attachment[] = []): Timeline {
  // What we send goes at the end: a window far back gives way to the latest messages, loaded anew.
  if (timeline.hasNewer) return sendPending({ ...emptyTimeline, pending: timeline.pending }, clientMessageId, body, me, attachments);
  const alreadySent = timeline.messages.some(
    (message) => message.sender_id === me && message.client_message_id === clientMessageId,
  );
  if (alreadySent) return timeline;
  const existing = timeline.pending.find((pending) => pending.clientMessageId === clientMessageId);
  // A retry keeps its place among the pending messages so the order the user wrote them holds.
  if (existing) {
    return {
      ...timeline,
      pending: timeline.pending.map((pending) =>
        pending.clientMessageId === clientMessageId ? { ...pending, status: "sending" } : pending,
      ),
    };
  }
  return { ...timeline, pending: [...timeline.pending, { clientMessageId, body, attachments, status: "sending" }] };
}

export function failPending(timeline: Timeline, clientMessageId: string): Timeline {
  return {
    ...timeline,
    pending: timeline.pending.map((pending) =>
      pending.clientMessageId === clientMessageId ? { ...pending, status: "failed" } : pending,
    ),
  };
}

export function lastSeq(timeline: Timeline): number {
  return timeline.messages.at(-1)?.seq ?? 0;
}

/**
 * How many other people have read up to each of our messages: every reader counts once,
 * under the last of our messages their marker covers, which is where "Seen" belongs.
 */
export function seenCounts(messages: Message[], me: string, readers: Record<string, number>): Map<string, number> {
  const own = messages.filter((message) => message.sender_id === me && !message.deleted);
  const counts = new Map<string, number>();
  for (const [reader, seq] of Object.entries(readers)) {
    if (reader === me) continue;
    const covered = own.findLast((message) => message.seq <= seq);
    if (covered) counts.set(covered.id, (counts.get(covered.id) ?? 0) + 1);
  }
  return counts;
}

/** Changes messages in place (a reaction, a thread's summary): order and seqs stay as they are. */
export function mapMessages(timeline: Timeline, change: (message: Message) => Message): Timeline {
  return { ...timeline, messages: timeline.messages.map(change) };
}
