import { describe, expect, it } from "vitest";
import type { ReactionsChange } from "@/realtime/frames";
import { ALICE, ME } from "@/test/fixtures";
import { reactionsChanged } from "./reactions";

const change = (overrides: Partial<ReactionsChange>): ReactionsChange => ({
  conversation_id: "c1",
  message_id: "m1",
  user_id: ALICE,
  emoji: "👍",
  added: true,
  reactions: [{ emoji: "👍", count: 1 }],
  ...overrides,
});

describe("reactionsChanged", () => {
  it("takes the counts and their order from the frame", () => {
    const after = reactionsChanged(
      [{ emoji: "👍", count: 1, me: false }],
      change({ emoji: "🎉", reactions: [{ emoji: "👍", count: 1 }, { emoji: "🎉", count: 1 }] }),
      ME,
    );
    expect(after).toEqual([
      { emoji: "👍", count: 1, me: false },
      { emoji: "🎉", count: 1, me: false },
    ]);
  });

  it("sets `me` from a frame naming the reader, and keeps it through others' frames", () => {
    let reactions = reactionsChanged([], change({ user_id: ME }), ME);
    expect(reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
    reactions = reactionsChanged(reactions, change({ reactions: [{ emoji: "👍", count: 2 }] }), ME);
    expect(reactions).toEqual([{ emoji: "👍", count: 2, me: true }]);
    reactions = reactionsChanged(reactions, change({ added: false, reactions: [{ emoji: "👍", count: 1 }] }), ME);
    expect(reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
    reactions = reactionsChanged(reactions, change({ user_id: ME, added: false, reactions: [] }), ME);
    expect(reactions).toEqual([]);
  });

  it("is harmless when a frame comes twice", () => {
    const once = reactionsChanged([], change({ user_id: ME, reactions: [{ emoji: "👍", count: 2 }] }), ME);
    expect(reactionsChanged(once, change({ user_id: ME, reactions: [{ emoji: "👍", count: 2 }] }), ME)).toEqual(once);
  });
});
