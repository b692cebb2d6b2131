import { describe, expect, it } from "vitest";
import type { Group } from "@/api/types";
import { ALICE, BOB, ME, conversation, message, notification, summary } from "@/test/fixtures";
import { chatReducer, initialChatState, resumeCursors, type ChatAction, type ChatState } from "./chat";
import { orderedSummaries } from "./conversations";
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
      { type: "sendStarted", conversationId: "c1", clientMessageId: "x", body: "yo" },
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
