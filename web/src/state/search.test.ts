import { describe, expect, it } from "vitest";
import type { SearchResult } from "@/api/types";
import { groupByConversation } from "./search";

function result(messageId: string, conversationId: string): SearchResult {
  return {
    conversation_id: conversationId,
    message_id: messageId,
    seq: 1,
    sender_id: "alice",
    created_at: "2026-01-01T00:00:00Z",
    snippet: [{ text: messageId, highlighted: true }],
  };
}

const ids = (groups: ReturnType<typeof groupByConversation>) =>
  groups.map((group) => [group.conversationId, group.results.map((found) => found.message_id)]);

describe("groupByConversation", () => {
  it("groups by conversation, each where its best result was, results in their rank order", () => {
    const groups = groupByConversation([result("a1", "A"), result("b1", "B"), result("a2", "A"), result("c1", "C"), result("b2", "B")]);
    expect(ids(groups)).toEqual([
      ["A", ["a1", "a2"]],
      ["B", ["b1", "b2"]],
      ["C", ["c1"]],
    ]);
  });

  it("shows a result a later page repeats once", () => {
    expect(ids(groupByConversation([result("a1", "A"), result("b1", "B"), result("a1", "A")]))).toEqual([
      ["A", ["a1"]],
      ["B", ["b1"]],
    ]);
  });

  it("has no groups for no results", () => {
    expect(groupByConversation([])).toEqual([]);
  });
});
