/** The frames of the WebSocket protocol (docs/api/realtime.md). */
import type { Conversation, Group, Message, Notification, PresenceStatus } from "@/api/types";

/**
 * A message as the `message.*` frames carry it: without reactions, which depend on the reader
 * (`me`) while a frame is the same for everyone; they come in `message.reactions_changed`.
 */
export type FramedMessage = Omit<Message, "reactions">;

/** A thread root's summary after a reply (docs/api/realtime.md). */
export interface ThreadUpdate {
  conversation_id: string;
  root_id: string;
  reply_count: number;
  last_reply_at: string | null;
  recent_replier_ids: string[];
}

/** One person's reaction added or taken back, with the message's whole list after it. */
export interface ReactionsChange {
  conversation_id: string;
  message_id: string;
  user_id: string;
  emoji: string;
  added: boolean;
  /** Ordered by each emoji's first use; `me` is for the client to keep (one frame serves everyone). */
  reactions: { emoji: string; count: number }[];
}

export interface PinChange {
  conversation_id: string;
  message_id: string;
  pinned_by: string;
  pinned_at: string;
}

/** Frames that carry something that happened; the store applies them. */
export type EventFrame =
  | { type: "message.created" | "message.edited" | "message.deleted"; data: FramedMessage }
  | { type: "conversation.created"; data: Conversation }
  | { type: "conversation.read"; data: { conversation_id: string; user_id: string; seq: number } }
  | { type: "typing"; data: { conversation_id: string; user_id: string } }
  | { type: "presence"; data: { user_id: string; status: PresenceStatus } }
  | { type: "notification.created"; data: Notification }
  | { type: "group.updated"; data: Group }
  | { type: "thread.updated"; data: ThreadUpdate }
  | { type: "message.reactions_changed"; data: ReactionsChange }
  | { type: "message.pinned"; data: PinChange }
  | { type: "message.unpinned"; data: { conversation_id: string; message_id: string } };

/** Frames that answer the client's own frames; the connection consumes them. */
export type ControlFrame =
  | { type: "ready"; user_id: string }
  | { type: "pong" }
  | { type: "resumed"; too_old?: string[] }
  | { type: "reauthenticated" }
  | { type: "error"; data: { code: string; detail: string } };

export type ServerFrame = EventFrame | ControlFrame;

export type ClientFrame =
  | { type: "auth"; token: string }
  | { type: "ping" }
  | { type: "typing"; conversation_id: string }
  | { type: "resume"; cursors: Record<string, number> };

const controlTypes = new Set(["ready", "pong", "resumed", "reauthenticated", "error"]);

export function isControlFrame(frame: ServerFrame): frame is ControlFrame {
  return controlTypes.has(frame.type);
}
