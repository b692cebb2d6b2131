import { describe, expect, it } from "vitest";
import type { Group } from "@/api/types";
import { ALICE, BOB, ME, conversation, message, notification, summary } from "@/test/fixtures";
import { chatReducer, initialChatState, resumeCursors, type ChatAction, type ChatState } from "./chat";
import { orderedSummaries } from "./conversations";
import { isPinned } from "./pins";
import { mainLine } from "./threads";
import { typistsAt, typingText } from "./typing";

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const created = (m = message(1)): ChatAction => ({ type: "frame", frame: { type: "message.created", data: m }, now: 0 });

function withList(): ChatState {
  return run(initialChatState(ME), {
    type: "summariesLoaded",
    items: [
      summary("c1", { last_message: message(1), last_activity_at: "2026-01-01T00:00:01Z" }),
      summary("c2", { last_activity_at: "2026-01-01T00:00:30Z" }),
    ],
  });
}

describe("conversation list", () => {
  it("moves a conversation to the top on a new message and counts it unread once", () => {
    const fresh = message(2, { created_at: "2026-01-01T00:01:00Z" });
    const state = run(withList(), created(fresh), created(fresh));
    expect(orderedSummaries(state.summaries).map((s) => s.id)).toEqual(["c1", "c2"]);
    expect(state.summaries.c1.unread_count).toBe(1);
    expect(state.summaries.c1.last_message?.id).toBe("m2");
  });

  it("does not count our own messages, nor one in the conversation being read", () => {
    let state = run(withList(), created(message(2, { sender_id: ME })));
    expect(state.summaries.c1.unread_count).toBe(0);
    state = run(state, { type: "conversationOpened", conversationId: "c1" }, created(message(3)));
    expect(state.summaries.c1.unread_count).toBe(0);
    state = run(state, { type: "focusChanged", focused: false }, created(message(4)));
    expect(state.summaries.c1.unread_count).toBe(1);
  });

  it("clears unread when our other device read to the end", () => {
    let state = run(withList(), created(message(2)), created(message(3)));
    state = run(state, { type: "frame", frame: { type: "conversation.read", data: { conversation_id: "c1", user_id: ME, seq: 2 } }, now: 0 });
    expect(state.summaries.c1.unread_count).toBe(2);
    state = run(state, { type: "frame", frame: { type: "conversation.read", data: { conversation_id: "c1", user_id: ME, seq: 3 } }, now: 0 });
    expect(state.summaries.c1.unread_count).toBe(0);
  });

  it("adds a created conversation once and keeps what it knew on a repeat", () => {
    const frame: ChatAction = { type: "frame", frame: { type: "conversation.created", data: conversation("c3") }, now: 0 };
    let state = run(initialChatState(ME), frame, created(message(1, { conversation_id: "c3" })), frame);
    expect(state.summaries.c3.last_message?.seq).toBe(1);
    state = run(state, { type: "frame", frame: { type: "message.deleted", data: message(1, { conversation_id: "c3", deleted: true, body: "" }) }, now: 0 });
    expect(state.summaries.c3.last_message?.deleted).toBe(true);
  });

  it("drops a group we were removed from and renames one we are in", () => {
    const group: Group = { id: "c2", name: "Team", owner_id: ALICE, created_at: "", members: [{ user_id: ME, role: "member", joined_at: "" }] };
    let state = run(withList(), { type: "frame", frame: { type: "group.updated", data: group }, now: 0 });
    expect(state.summaries.c2.title).toBe("Team");
    state = run(state, { type: "frame", frame: { type: "group.updated", data: { ...group, members: [] } }, now: 0 });
    expect(state.summaries.c2).toBeUndefined();
    expect(state.groups.c2).toBeUndefined();
  });
});

describe("timelines through the store", () => {
  it("fills an open timeline from frames and the POST answer without duplicates", () => {
    let state = run(withList(), { type: "pageLoaded", conversationId: "c1", items: [message(1)], hasMore: false });
    state = run(
      state,
      { type: "sendStarted", conversationId: "c1", attachments: [], clientMessageId: "x", body: "yo" },
      created(message(2, { sender_id: ME, client_message_id: "x" })),
      { type: "messageSaved", message: message(2, { sender_id: ME, client_message_id: "x" }) },
    );
    expect(state.timelines.c1.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(state.timelines.c1.pending).toEqual([]);
  });
});

describe("resumeCursors", () => {
  it("uses a loaded timeline, else the list's last message", () => {
    let state = withList();
    expect(resumeCursors(state)).toEqual({ c1: 1, c2: 0 });
    state = run(state, { type: "pageLoaded", conversationId: "c2", items: [message(7, { conversation_id: "c2" })], hasMore: true });
    state = run(state, created(message(2)));
    expect(resumeCursors(state)).toEqual({ c1: 2, c2: 7 });
  });

  it("resumes a window far back from the list's last message: paging brings what lies after it", () => {
    const state = run(withList(), created(message(40)), {
      type: "windowLoaded",
      conversationId: "c1",
      items: [message(3)],
      hasOlder: true,
      hasNewer: true,
    });
    expect(resumeCursors(state).c1).toBe(40);
  });

  it("forgets the timelines of conversations too far behind to replay", () => {
    let state = run(withList(), { type: "pageLoaded", conversationId: "c1", items: [message(1)], hasMore: false });
    state = run(state, { type: "pageLoaded", conversationId: "c2", items: [message(7, { conversation_id: "c2" })], hasMore: true });
    state = run(state, { type: "timelinesDropped", conversationIds: ["c2"] });
    expect(Object.keys(state.timelines)).toEqual(["c1"]);
  });
});

describe("read markers of others", () => {
  it("keeps the highest seq per reader", () => {
    const read = (seq: number): ChatAction => ({ type: "frame", frame: { type: "conversation.read", data: { conversation_id: "c1", user_id: BOB, seq } }, now: 0 });
    const state = run(withList(), read(3), read(2));
    expect(state.readMarkers.c1).toEqual({ [BOB]: 3 });
  });
});

describe("typing", () => {
  const typing: ChatAction = { type: "frame", frame: { type: "typing", data: { conversation_id: "c1", user_id: ALICE } }, now: 1000 };

  it("shows a typist for a few seconds, and not after their message", () => {
    let state = run(withList(), typing);
    expect(typistsAt(state.typing, "c1", 5000)).toEqual([ALICE]);
    expect(typistsAt(state.typing, "c1", 6001)).toEqual([]);
    state = run(state, created(message(2)));
    expect(typistsAt(state.typing, "c1", 2000)).toEqual([]);
  });

  it("words one or several typists", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["Alice"])).toBe("Alice is typing…");
    expect(typingText(["Alice", "Bob"])).toBe("Alice and Bob are typing…");
  });
});

describe("notifications", () => {
  it("counts new unread ones once and marks them read", () => {
    const frame: ChatAction = { type: "frame", frame: { type: "notification.created", data: notification("n1") }, now: 0 };
    let state = run(initialChatState(ME), frame, frame);
    expect(state.notifications.unreadCount).toBe(1);
    state = run(state, { type: "notificationRead", id: "n1", at: "t" }, { type: "notificationRead", id: "n1", at: "t" });
    expect(state.notifications.unreadCount).toBe(0);
    expect(state.notifications.items[0].read_at).toBe("t");
  });
});

describe("threads", () => {
  const root = message(1);
  const reply = (seq: number, overrides = {}) => message(seq, { thread_root_id: "m1", reply_to: "m1", ...overrides });
  const opened = () =>
    run(
      withList(),
      { type: "pageLoaded", conversationId: "c1", items: [root], hasMore: false },
      { type: "threadPageLoaded", rootId: "m1", items: [root, reply(2)], hasMore: false },
    );

  it("keeps replies in the timeline's one sequence, and adds a new one to its open thread", () => {
    const state = run(opened(), created(reply(3)), created(reply(3)));
    expect(state.timelines.c1.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(mainLine(state.timelines.c1.messages).map((m) => m.seq)).toEqual([1]);
    expect(state.threads.m1.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("confirms a reply sent from the thread in place of its optimistic copy", () => {
    const mine = reply(3, { sender_id: ME, client_message_id: "x" });
    let state = run(opened(), { type: "sendStarted", conversationId: "c1", attachments: [], threadRootId: "m1", clientMessageId: "x", body: "hi" });
    expect(state.threads.m1.pending).toHaveLength(1);
    expect(state.timelines.c1.pending).toHaveLength(0);
    state = run(state, { type: "messageSaved", message: mine });
    expect(state.threads.m1.pending).toHaveLength(0);
    expect(state.threads.m1.messages.at(-1)?.id).toBe("m3");
  });

  it("refreshes the root's summary in the timeline and in its thread", () => {
    const update = { conversation_id: "c1", root_id: "m1", reply_count: 2, last_reply_at: "2026-01-01T00:01:00Z", recent_replier_ids: [BOB, ALICE] };
    const state = run(opened(), { type: "frame", frame: { type: "thread.updated", data: update }, now: 0 });
    expect(state.timelines.c1.messages[0]).toMatchObject({ reply_count: 2, recent_replier_ids: [BOB, ALICE] });
    expect(state.threads.m1.messages[0].reply_count).toBe(2);
  });

  it("shows an edit of a reply in its thread", () => {
    const state = run(opened(), { type: "messageUpdated", message: reply(2, { body: "better", edited_at: "2026-01-02T00:00:00Z" }) });
    expect(state.threads.m1.messages[1].body).toBe("better");
  });
});

describe("reactions", () => {
  it("applies a frame to the message wherever it is shown, keeping `me` per reader", () => {
    const frame = (user_id: string, count: number): ChatAction => ({
      type: "frame",
      frame: {
        type: "message.reactions_changed",
        data: { conversation_id: "c1", message_id: "m1", user_id, emoji: "🎉", added: true, reactions: [{ emoji: "🎉", count }] },
      },
      now: 0,
    });
    let state = run(
      withList(),
      { type: "pageLoaded", conversationId: "c1", items: [message(1)], hasMore: false },
      { type: "threadPageLoaded", rootId: "m1", items: [message(1)], hasMore: false },
    );
    state = run(state, frame(ME, 1), frame(ALICE, 2));
    expect(state.timelines.c1.messages[0].reactions).toEqual([{ emoji: "🎉", count: 2, me: true }]);
    expect(state.threads.m1.messages[0].reactions).toEqual([{ emoji: "🎉", count: 2, me: true }]);
  });
});

describe("reactions through message frames", () => {
  it("keeps a message's reactions through an edit frame, which carries none, and drops them with a deletion", () => {
    const reacted = message(1, { reactions: [{ emoji: "👍", count: 1, me: true }] });
    const { reactions: _none, ...framed } = message(1, { body: "edited", edited_at: "2026-01-02T00:00:00Z" });
    let state = run(withList(), { type: "pageLoaded", conversationId: "c1", items: [reacted], hasMore: false });
    state = run(state, { type: "frame", frame: { type: "message.edited", data: framed }, now: 0 });
    expect(state.timelines.c1.messages[0]).toMatchObject({ body: "edited", reactions: [{ emoji: "👍", count: 1, me: true }] });
    state = run(state, { type: "frame", frame: { type: "message.deleted", data: { ...framed, deleted: true, body: "" } }, now: 0 });
    expect(state.timelines.c1.messages[0].reactions).toEqual([]);
  });

  it("shows a new message with no reactions yet", () => {
    const { reactions: _none, ...framed } = message(1);
    const state = run(withList(), { type: "pageLoaded", conversationId: "c1", items: [], hasMore: false }, { type: "frame", frame: { type: "message.created", data: framed }, now: 0 });
    expect(state.timelines.c1.messages[0].reactions).toEqual([]);
  });
});

describe("pins", () => {
  const pin = (id: string, at: string) => ({ message: message(Number(id.slice(1)), { id }), pinned_by: ALICE, pinned_at: at });
  const loaded = () =>
    run(
      withList(),
      { type: "pageLoaded", conversationId: "c1", items: [message(1), message(2), message(3)], hasMore: false },
      { type: "pinsLoaded", conversationId: "c1", items: [pin("m1", "2026-01-01T00:00:05Z")] },
    );
  const pinFrame = (id: string, at: string): ChatAction => ({
    type: "frame",
    frame: { type: "message.pinned", data: { conversation_id: "c1", message_id: id, pinned_by: BOB, pinned_at: at } },
    now: 0,
  });

  it("puts a new pin first, once, and takes an unpinned or deleted message out", () => {
    let state = run(loaded(), pinFrame("m2", "2026-01-01T00:00:09Z"), pinFrame("m2", "2026-01-01T00:00:09Z"));
    expect(state.pins.c1.map((p) => p.message.id)).toEqual(["m2", "m1"]);
    expect(isPinned(state.pins, message(2))).toBe(true);
    state = run(state, { type: "frame", frame: { type: "message.unpinned", data: { conversation_id: "c1", message_id: "m2" } }, now: 0 });
    state = run(state, { type: "frame", frame: { type: "message.deleted", data: message(1, { deleted: true, body: "" }) }, now: 0 });
    expect(state.pins.c1).toEqual([]);
  });

  it("keeps no list for a conversation whose pins were never loaded", () => {
    const state = run(withList(), pinFrame("m2", "2026-01-01T00:00:09Z"));
    expect(state.pins.c1).toBeUndefined();
  });
});
