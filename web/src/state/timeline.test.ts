import { describe, expect, it } from "vitest";
import { ALICE, BOB, ME, message } from "@/test/fixtures";
import {
  addMessages,
  addNewerPage,
  addPage,
  addWindow,
  emptyTimeline,
  failPending,
  mergeMessages,
  seenCounts,
  sendPending,
  updateMessage,
} from "./timeline";

const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);

describe("mergeMessages", () => {
  it("keeps one message per seq in ascending order whatever the arrival order", () => {
    const merged = mergeMessages([message(3), message(5)], [message(4), message(1), message(5)]);
    expect(seqs(merged)).toEqual([1, 3, 4, 5]);
  });

  it("keeps the newer edit and never resurrects a tombstone", () => {
    const edited = message(1, { body: "new", edited_at: "2026-01-02T00:00:00Z" });
    const older = message(1, { body: "old", edited_at: "2026-01-01T12:00:00Z" });
    expect(mergeMessages([edited], [older])[0].body).toBe("new");
    expect(mergeMessages([older], [edited])[0].body).toBe("new");
    expect(mergeMessages([edited], [message(1)])[0].body).toBe("new");
    const tombstone = message(1, { body: "", deleted: true });
    expect(mergeMessages([tombstone], [edited])[0].deleted).toBe(true);
    expect(mergeMessages([edited], [tombstone])[0].deleted).toBe(true);
  });
});

describe("optimistic sends", () => {
  const mine = (seq: number, clientMessageId: string) => message(seq, { sender_id: ME, client_message_id: clientMessageId });

  it("shows a pending message until the server's copy arrives, then only that", () => {
    let timeline = sendPending(emptyTimeline, "x", "hello", ME);
    expect(timeline.pending).toEqual([{ clientMessageId: "x", body: "hello", attachments: [], status: "sending" }]);
    timeline = addMessages(timeline, [mine(1, "x")], ME);
    expect(timeline.pending).toEqual([]);
    // The frame and the POST answer both deliver it: still one message.
    timeline = addMessages(timeline, [mine(1, "x")], ME);
    expect(seqs(timeline.messages)).toEqual([1]);
  });

  it("does not confirm with someone else's message of the same client id", () => {
    const timeline = addMessages(sendPending(emptyTimeline, "x", "hi", ME), [message(1, { client_message_id: "x" })], ME);
    expect(timeline.pending).toHaveLength(1);
  });

  it("retries a failed send with the same client id in the same place", () => {
    let timeline = sendPending(sendPending(emptyTimeline, "a", "first", ME), "b", "second", ME);
    timeline = failPending(timeline, "a");
    expect(timeline.pending[0].status).toBe("failed");
    timeline = sendPending(timeline, "a", "first", ME);
    expect(timeline.pending.map((p) => [p.clientMessageId, p.status])).toEqual([
      ["a", "sending"],
      ["b", "sending"],
    ]);
  });

  it("ignores a retry of a message the server already confirmed", () => {
    const timeline = addMessages(emptyTimeline, [mine(1, "a")], ME);
    expect(sendPending(timeline, "a", "again", ME).pending).toEqual([]);
  });
});

describe("pages and updates", () => {
  it("merges an older page in front and records whether more exist", () => {
    let timeline = addPage(emptyTimeline, [message(3), message(4)], true, ME);
    timeline = addPage(timeline, [message(1), message(2)], false, ME);
    expect(seqs(timeline.messages)).toEqual([1, 2, 3, 4]);
    expect(timeline.hasMore).toBe(false);
  });

  it("keeps what it knows of older pages when the latest page is loaded again", () => {
    let timeline = addPage(emptyTimeline, [message(3), message(4)], true, ME);
    timeline = addPage(timeline, [message(1), message(2)], false, ME);
    timeline = addPage(timeline, [message(4), message(5)], true, ME);
    expect(seqs(timeline.messages)).toEqual([1, 2, 3, 4, 5]);
    expect(timeline.hasMore).toBe(false);
  });

  it("takes reactions and a thread's summary from a page loaded again, which frames missed while away", () => {
    const edited = message(1, { body: "edited", edited_at: "2026-01-02T00:00:00Z" });
    const before = addPage(emptyTimeline, [edited], false, ME);
    const reloaded = message(1, { reactions: [{ emoji: "👍", count: 2, me: true }], reply_count: 3, last_reply_at: "2026-01-03T00:00:00Z" });
    const after = addPage(before, [reloaded], false, ME).messages[0];
    expect(after).toMatchObject({ body: "edited", reply_count: 3, reactions: [{ emoji: "👍", count: 2, me: true }] });
  });

  it("leaves a tombstone bare when a page still shows the message", () => {
    const deleted = addPage(emptyTimeline, [message(1, { deleted: true, body: "" })], false, ME);
    const stale = message(1, { reactions: [{ emoji: "👍", count: 1, me: false }] });
    expect(addPage(deleted, [stale], false, ME).messages[0].reactions).toEqual([]);
  });

  it("applies edits only to messages it holds", () => {
    const timeline = addPage(emptyTimeline, [message(3)], true, ME);
    expect(updateMessage(timeline, message(1, { deleted: true }))).toBe(timeline);
    expect(updateMessage(timeline, message(3, { deleted: true, body: "" })).messages[0].deleted).toBe(true);
  });
});

describe("a window opened at an older message", () => {
  const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
  const window = addWindow(emptyTimeline, run(10, 14), true, true, ME);

  it("replaces what is held when it does not meet it, with more before and after", () => {
    const latest = addPage(emptyTimeline, run(90, 99), true, ME);
    const opened = addWindow(latest, run(10, 14), true, true, ME);
    expect(seqs(opened.messages)).toEqual([10, 11, 12, 13, 14]);
    expect([opened.hasMore, opened.hasNewer]).toEqual([true, true]);
  });

  it("joins what is held when it meets or touches it", () => {
    const latest = addPage(emptyTimeline, run(15, 20), true, ME);
    const joined = addWindow(latest, run(10, 14), false, true, ME);
    expect(seqs(joined.messages)).toEqual(run(10, 20).map((m) => m.seq));
    expect([joined.hasMore, joined.hasNewer]).toEqual([false, false]);
    const inside = addWindow(latest, run(16, 18), true, true, ME);
    expect(seqs(inside.messages)).toEqual(run(15, 20).map((m) => m.seq));
    expect([inside.hasMore, inside.hasNewer]).toEqual([true, false]);
  });

  it("leaves what arrives after a gap to paging, and takes what joins it", () => {
    let timeline = addMessages(window, [message(40), message(16)], ME);
    expect(seqs(timeline.messages)).toEqual([10, 11, 12, 13, 14]);
    timeline = addMessages(timeline, [message(16), message(15)], ME);
    expect(seqs(timeline.messages)).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(addMessages(window, [message(12, { body: "edited", edited_at: "2026-02-01T00:00:00Z" })], ME).messages[2].body).toBe("edited");
  });

  it("pages forward until the latest", () => {
    let timeline = addNewerPage(window, run(15, 19), true, ME);
    expect(seqs(timeline.messages).at(-1)).toBe(19);
    expect(timeline.hasNewer).toBe(true);
    timeline = addNewerPage(timeline, run(20, 21), false, ME);
    expect(timeline.hasNewer).toBe(false);
    expect(seqs(addMessages(timeline, [message(22)], ME).messages).at(-1)).toBe(22);
  });

  it("is not joined by a latest page beyond its gap, and is by one that reaches it", () => {
    const far = addPage(window, run(90, 99), true, ME);
    expect(seqs(far.messages)).toEqual([10, 11, 12, 13, 14]);
    expect(far.hasNewer).toBe(true);
    const near = addPage(window, run(13, 17), true, ME);
    expect(seqs(near.messages).at(-1)).toBe(17);
    expect([near.hasMore, near.hasNewer]).toEqual([true, false]);
    const older = addPage(window, run(5, 9), false, ME);
    expect([older.hasMore, older.hasNewer]).toEqual([false, true]);
  });

  it("gives way to the latest messages when we send: what we send goes at the end", () => {
    const sending = sendPending(window, "x", "hi", ME);
    expect(sending.messages).toEqual([]);
    expect(sending.hasNewer).toBe(false);
    expect(sending.pending.map((pending) => pending.clientMessageId)).toEqual(["x"]);
  });
});

describe("seenCounts", () => {
  const messages = [
    message(1, { sender_id: ME }),
    message(2, { sender_id: ALICE }),
    message(3, { sender_id: ME }),
    message(4, { sender_id: ME }),
  ];

  it("counts each reader under the last of our messages they read", () => {
    const counts = seenCounts(messages, ME, { [ALICE]: 3, [BOB]: 4, [ME]: 4 });
    expect(Object.fromEntries(counts)).toEqual({ m3: 1, m4: 1 });
  });

  it("counts nothing for readers behind our first message", () => {
    expect(seenCounts(messages, ME, { [ALICE]: 0 }).size).toBe(0);
  });
});
