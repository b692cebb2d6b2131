/**
 * Search results as the screen lists them: the server ranks them (best match first) across
 * every conversation, and the screen groups them by conversation, a conversation taking the
 * place of its best result so the order of relevance survives the grouping.
 */
import type { SearchResult } from "@/api/types";

export interface ResultGroup {
  conversationId: string;
  results: SearchResult[];
}

export function groupByConversation(results: SearchResult[]): ResultGroup[] {
  const groups = new Map<string, SearchResult[]>();
  const seen = new Set<string>();
  for (const result of results) {
    // A later page may repeat a result when the index changed in between: it is shown once.
    if (seen.has(result.message_id)) continue;
    seen.add(result.message_id);
    const group = groups.get(result.conversation_id);
    if (group) group.push(result);
    else groups.set(result.conversation_id, [result]);
  }
  return [...groups].map(([conversationId, grouped]) => ({ conversationId, results: grouped }));
}
