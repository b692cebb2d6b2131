import { describe, expect, it, vi } from "vitest";
import type { TokenPair } from "@/api/types";
import { SessionStore, STORAGE_KEY } from "./session";
import { ANN, memoryStorage } from "@/test/fixtures";

const user = ANN;
const pair = (n: number): TokenPair => ({
  access_token: `access${n}`,
  refresh_token: `refresh${n}`,
  token_type: "bearer",
  expires_in: 900,
  user,
});

/** A lock like navigator.locks: callbacks run one after another, across "tabs" sharing it. */
function sharedLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const result = tail.then(callback);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

describe("SessionStore", () => {
  it("hands out the stored token until it is about to expire, then refreshes", async () => {
    let now = 0;
    const store = new SessionStore({ storage: memoryStorage(), now: () => now });
    const refresh = vi.fn(async () => pair(2));
    store.useRefreshCall(refresh);
    store.save(pair(1));
    expect(await store.accessToken()).toBe("access1");
    now = 880_000;
    expect(await store.accessToken()).toBe("access2");
    expect(refresh).toHaveBeenCalledWith("refresh1");
  });

  it("refreshes once for concurrent callers in a tab", async () => {
    const store = new SessionStore({ storage: memoryStorage(), now: () => 0 });
    const refresh = vi.fn(async () => pair(2));
    store.useRefreshCall(refresh);
    store.save(pair(1));
    const [a, b] = await Promise.all([store.refresh("access1"), store.refresh("access1")]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(a?.accessToken).toBe("access2");
    expect(b?.accessToken).toBe("access2");
  });

  it("uses the token another tab already rotated instead of presenting the old one again", async () => {
    const storage = memoryStorage();
    const locks = sharedLock();
    const tabA = new SessionStore({ storage, locks, now: () => 0 });
    const tabB = new SessionStore({ storage, locks, now: () => 0 });
    const presented: string[] = [];
    const server = async (token: string) => {
      presented.push(token);
      return pair(presented.length + 1);
    };
    tabA.useRefreshCall(server);
    tabB.useRefreshCall(server);
    tabA.save(pair(1));
    const [a, b] = await Promise.all([tabA.refresh("access1"), tabB.refresh("access1")]);
    expect(presented).toEqual(["refresh1"]);
    expect(a?.accessToken).toBe("access2");
    expect(b?.accessToken).toBe("access2");
  });

  it("signs out when the server refuses the refresh token", async () => {
    const storage = memoryStorage();
    const store = new SessionStore({ storage, now: () => 0 });
    store.useRefreshCall(async () => null);
    store.save(pair(1));
    const listener = vi.fn();
    store.subscribe(listener);
    expect(await store.refresh("access1")).toBeNull();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect(listener).toHaveBeenCalled();
  });
});
