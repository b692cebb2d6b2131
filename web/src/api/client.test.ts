import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionStore } from "@/auth/session";
import { createApi } from "./client";
import { ANN, memoryStorage } from "@/test/fixtures";

const user = ANN;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A server whose only valid access token is `valid`, reached by refreshing `refresh1`. */
function fakeServer() {
  const calls: string[] = [];
  const handler = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    const auth = request.headers.get("Authorization") ?? "-";
    calls.push(`${request.method} ${path} ${auth}`);
    if (path === "/api/v1/sessions/refresh") {
      const { refresh_token } = (await request.json()) as { refresh_token: string };
      if (refresh_token !== "refresh1") return json(401, { detail: "Session revoked" });
      return json(201, { access_token: "valid", refresh_token: "refresh2", token_type: "bearer", expires_in: 900, user });
    }
    if (auth !== "Bearer valid") return json(401, { detail: "Not authenticated" });
    const body = request.method === "PATCH" ? ((await request.json()) as { display_name: string }) : {};
    return json(200, { ...user, ...body });
  });
  return { calls, handler };
}

function signedIn(accessToken: string) {
  const store = new SessionStore({ storage: memoryStorage(), now: () => 0 });
  store.save({ access_token: accessToken, refresh_token: "refresh1", token_type: "bearer", expires_in: 900, user });
  return store;
}

afterEach(() => vi.unstubAllGlobals());

describe("the API client", () => {
  it("refreshes once on 401 and replays the request, body included", async () => {
    const { calls, handler } = fakeServer();
    vi.stubGlobal("fetch", handler);
    const store = signedIn("expired");
    const api = createApi(store, "http://test");
    const { data } = await api.PATCH("/api/v1/users/me", { body: { display_name: "Annie" } });
    expect(data?.display_name).toBe("Annie");
    expect(calls).toEqual([
      "PATCH /api/v1/users/me Bearer expired",
      "POST /api/v1/sessions/refresh -",
      "PATCH /api/v1/users/me Bearer valid",
    ]);
    expect(store.current()?.refreshToken).toBe("refresh2");
  });

  it("gives up and signs out when the refresh token is refused", async () => {
    const { handler } = fakeServer();
    vi.stubGlobal("fetch", handler);
    const store = signedIn("expired");
    store.save({ access_token: "expired", refresh_token: "stolen", token_type: "bearer", expires_in: 900, user });
    const api = createApi(store, "http://test");
    const { response } = await api.GET("/api/v1/users/me");
    expect(response.status).toBe(401);
    expect(store.current()).toBeNull();
  });

  it("does not treat wrong credentials as an expired token", async () => {
    const handler = vi.fn(async () => json(401, { detail: "unknown username or wrong password" }));
    vi.stubGlobal("fetch", handler);
    const api = createApi(signedIn("valid"), "http://test");
    const { error } = await api.POST("/api/v1/sessions", { body: { username: "ann", password: "nope" } });
    expect(error).toMatchObject({ detail: "unknown username or wrong password" });
    expect(handler).toHaveBeenCalledOnce();
  });
});
