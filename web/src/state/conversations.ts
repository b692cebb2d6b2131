/**
 * The conversation list: summaries keyed by id, shown most recently active first. Frames keep
 * it live between REST loads; each update is written so that a repeated frame changes nothing.
 */
import type { Conversation, ConversationSummary, Message } from "@/api/types";

export type Summaries = Record<string, ConversationSummary>;

export function orderedSummaries(summaries: Summaries): ConversationSummary[] {
  return Object.values(summaries).sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at));
}

export function replaceAll(items: ConversationSummary[]): Summaries {
  return Object.fromEntries(items.map((summary) => [summary.id, summary]));
}

/** A conversation we learnt of without its summary (a frame, or opening it by link). */
export function addConversation(summaries: Summaries, conversation: Conversation): Summaries {
  const known = summaries[conversation.id];
  const participant_count = conversation.participant_ids.length;
  const summary: ConversationSummary = known
    ? { ...known, ...conversation, participant_count }
    : { ...conversation, participant_count, last_message: null, unread_count: 0, last_activity_at: conversation.created_at };
  return { ...summaries, [conversation.id]: summary };
}

/**
 * A new message moves its conversation to the top. It counts as unread only when it is someone
 * else's and the reader is not looking at it right now (then a read marker is posted instead).
 */
export function messageCreated(summaries: Summaries, message: Message, me: string, beingRead: boolean): Summaries {
  const summary = summaries[message.conversation_id];
  if (!summary || (summary.last_message && summary.last_message.seq >= message.seq)) return summaries;
  const unread = message.sender_id !== me && !beingRead;
  return {
    ...summaries,
    [summary.id]: {
      ...summary,
      last_message: message,
      last_activity_at: message.created_at > summary.last_activity_at ? message.created_at : summary.last_activity_at,
      unread_count: unread ? summary.unread_count + 1 : summary.unread_count,
    },
  };
}

/** Keeps the preview right when the last message is edited or deleted. */
export function messageChanged(summaries: Summaries, message: Message): Summaries {
  const summary = summaries[message.conversation_id];
  if (summary?.last_message?.id !== message.id) return summaries;
  return { ...summaries, [summary.id]: { ...summary, last_message: message } };
}

/** We read the conversation up to `seq`, here or on another device. */
export function readUpTo(summaries: Summaries, conversationId: string, seq: number): Summaries {
  const summary = summaries[conversationId];
  if (!summary || summary.unread_count === 0) return summaries;
  const lastSeq = summary.last_message?.seq ?? 0;
  if (seq < lastSeq) return summaries; // Unread count of a partial read is unknown; the next REST load fixes it.
  return { ...summaries, [conversationId]: { ...summary, unread_count: 0 } };
}
