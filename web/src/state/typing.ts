/**
 * Who is typing where. The protocol sends no "stopped typing": a typist is shown for a few
 * seconds after their last frame, and as soon as their message arrives.
 */
const TYPING_SHOWN_MS = 5_000;

/** conversation id -> user id -> time (ms) until which they count as typing. */
export type Typing = Record<string, Record<string, number>>;

export function typingStarted(typing: Typing, conversationId: string, userId: string, now: number): Typing {
  return { ...typing, [conversationId]: { ...typing[conversationId], [userId]: now + TYPING_SHOWN_MS } };
}

export function typingStopped(typing: Typing, conversationId: string, userId: string): Typing {
  const typists = typing[conversationId];
  if (!typists || !(userId in typists)) return typing;
  const { [userId]: _stopped, ...rest } = typists;
  return { ...typing, [conversationId]: rest };
}

export function typistsAt(typing: Typing, conversationId: string, now: number): string[] {
  return Object.entries(typing[conversationId] ?? {})
    .filter(([, until]) => until > now)
    .map(([userId]) => userId);
}

/** "Alice is typing…", "Alice and Bob are typing…", or "" when nobody is. */
export function typingText(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are typing…`;
}
