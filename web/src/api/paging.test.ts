import { describe, expect, it } from "vitest";
import { allPages, type Page } from "./paging";

describe("allPages", () => {
  it("follows each page's cursor until the last page", async () => {
    const pages: Record<string, Page<number>> = {
      first: { items: [1, 2], next_cursor: "b" },
      b: { items: [3, 4], next_cursor: "c" },
      c: { items: [5], next_cursor: null },
    };
    const asked: (string | undefined)[] = [];

    const items = await allPages(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? "first"];
    });

    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, "b", "c"]);
  });

  it("asks once for a list that fits on one page", async () => {
    let calls = 0;
    const items = await allPages(async () => {
      calls += 1;
      return { items: ["only"], next_cursor: null };
    });

    expect([items, calls]).toEqual([["only"], 1]);
  });
});
