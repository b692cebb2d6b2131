/**
 * The pinned messages of each conversation whose pins were loaded, newest pin first. Frames keep
 * a loaded list current; a conversation never looked at has no list (and needs none).
 */
import type { Message, Pin } from "@/api/types";
import type { PinChange } from "@/realtime/frames";

export type Pins = Record<string, Pin[]>;

export function isPinned(pins: Pins, message: Message): boolean {
  return (pins[message.conversation_id] ?? []).some((pin) => pin.message.id === message.id);
}

/** A pin of a message we hold joins the list in its place; the store reloads the list for others. */
export function pinned(pins: Pins, change: PinChange, message: Message | undefined): Pins {
  const list = pins[change.conversation_id];
  if (!list || !message || list.some((pin) => pin.message.id === change.message_id)) return pins;
  const pin: Pin = { message, pinned_by: change.pinned_by, pinned_at: change.pinned_at };
  const items = [...list, pin].sort((a, b) => b.pinned_at.localeCompare(a.pinned_at));
  return { ...pins, [change.conversation_id]: items };
}

export function unpinned(pins: Pins, conversationId: string, messageId: string): Pins {
  const list = pins[conversationId];
  if (!list?.some((pin) => pin.message.id === messageId)) return pins;
  return { ...pins, [conversationId]: list.filter((pin) => pin.message.id !== messageId) };
}

/** Keeps a pinned message's copy in its newest state (an edit); a deleted message is unpinned. */
export function pinnedMessageChanged(pins: Pins, message: Message): Pins {
  if (message.deleted) return unpinned(pins, message.conversation_id, message.id);
  const list = pins[message.conversation_id];
  if (!list?.some((pin) => pin.message.id === message.id)) return pins;
  return {
    ...pins,
    [message.conversation_id]: list.map((pin) => (pin.message.id === message.id ? { ...pin, message } : pin)),
  };
}
