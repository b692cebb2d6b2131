import { afterEach, describe, expect, it, vi } from "vitest";
import { createApi } from "@/api/client";
import { ANN, memoryStorage } from "@/test/fixtures";
import { DeviceTokens, signIn } from "./devices";
import { SessionStore } from "./session";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A server answering each sign-in with a new device token, recording the one presented. */
function fakeServer() {
  const presented: (string | undefined)[] = [];
  const handler = vi.fn(async (request: Request) => {
    const { username, device_token } = (await request.json()) as { username: string; device_token?: string };
    presented.push(device_token);
    const user = { ...ANN, username: username.toLowerCase() };
    return json(201, {
      access_token: "access",
      refresh_token: "refresh",
      token_type: "bearer",
      expires_in: 900,
      user,
      device_token: `device${presented.length}`,
    });
  });
  return { presented, handler };
}

afterEach(() => vi.unstubAllGlobals());

describe("signing in", () => {
  it("presents the device token of the last sign-in to the username, in any case, and keeps the new one", async () => {
    const { presented, handler } = fakeServer();
    vi.stubGlobal("fetch", handler);
    const storage = memoryStorage();
    const store = new SessionStore({ storage, now: () => 0 });
    const devices = new DeviceTokens(storage);
    const api = createApi(store, "http://test");

    await signIn(api, store, devices, "ann", "correct horse");
    await signIn(api, store, devices, "Ann", "correct horse");
    await signIn(api, store, devices, "bob", "battery staple");
    await signIn(api, store, devices, "ann", "correct horse");

    expect(presented).toEqual([undefined, "device1", undefined, "device2"]);
    expect(store.current()?.refreshToken).toBe("refresh");
  });

  it("keeps the device tokens when the session ends", () => {
    const storage = memoryStorage();
    const store = new SessionStore({ storage, now: () => 0 });
    const devices = new DeviceTokens(storage);
    devices.remember("ann", "device1");

    store.clear();

    expect(devices.forUser("ann")).toBe("device1");
  });
});
