/** Builders for API objects in tests: only the fields a test cares about need spelling out. */
import type { Conversation, ConversationSummary, Message, Notification, User } from "@/api/types";

export const ME = "me";
export const ALICE = "alice";
export const BOB = "bob";

export function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversation_id: "c1",
    seq,
    sender_id: ALICE,
    client_message_id: `cm${seq}`,
    body: `message ${seq}`,
    created_at: `2026-01-01T00:00:${String(seq).padStart(2, "0")}Z`,
    edited_at: null,
    deleted: false,
    reply_to: null,
    thread_root_id: null,
    reply_count: 0,
    last_reply_at: null,
    recent_replier_ids: [],
    reactions: [],
    attachments: [],
    ...overrides,
  };
}

export function conversation(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: "direct",
    title: null,
    participant_ids: [ME, ALICE],
    created_at: "2026-01-01T00:00:00Z",
    closed: false,
    ...overrides,
  };
}

export function summary(id: string, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    ...conversation(id),
    participant_count: 2,
    last_message: null,
    unread_count: 0,
    last_activity_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

export function notification(id: string, overrides: Partial<Notification> = {}): Notification {
  return {
    id,
    kind: "direct_message",
    conversation_id: "c1",
    message_id: null,
    actor_id: ALICE,
    preview: "hi",
    created_at: "2026-01-01T00:00:00Z",
    read_at: null,
    ...overrides,
  };
}

export const ANN: User = { id: "u1", username: "ann", display_name: "Ann", created_at: "" };

/** The part of localStorage the session uses, kept in memory. */
export function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}
