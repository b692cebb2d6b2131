/**
 * A message's reactions as the reader sees them. A `message.reactions_changed` frame carries the
 * whole list after a change (so frames never add up wrong), but one frame serves every reader,
 * so it cannot say whether *this* reader reacted: the client keeps `me` itself, from what it had
 * and from the frames naming the reader.
 */
import type { Message, Reaction } from "@/api/types";
import type { ReactionsChange } from "@/realtime/frames";

/** The emoji the picker offers: few, so that it stays small and fast to go through by keyboard. */
export const PICKER_EMOJI = ["👍", "❤️", "😂", "🎉", "😮", "😢", "👀", "✅"];

export function reactionsChanged(current: Reaction[], change: ReactionsChange, me: string): Reaction[] {
  const had = new Map(current.map((reaction) => [reaction.emoji, reaction.me]));
  return change.reactions.map(({ emoji, count }) => ({
    emoji,
    count,
    me: change.user_id === me && change.emoji === emoji ? change.added : (had.get(emoji) ?? false),
  }));
}

export function withReactionsChanged(message: Message, change: ReactionsChange, me: string): Message {
  if (message.id !== change.message_id) return message;
  return { ...message, reactions: reactionsChanged(message.reactions ?? [], change, me) };
}
