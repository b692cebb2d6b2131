/**
 * The typed REST client. A middleware signs every request with the session's access token and,
 * when the server answers 401 anyway (the token expired or was revoked in between), refreshes
 * once and replays the request with the new token.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { SessionStore } from "@/auth/session";
import { problemToError } from "./problem";
import type { paths } from "./schema";

export type Api = ReturnType<typeof createClient<paths>>;

/** Routes that take no bearer token: a 401 there means wrong credentials, not an expired token. */
const anonymousPaths = ["/api/v1/users", "/api/v1/sessions", "/api/v1/sessions/refresh"];

function isAnonymous(request: Request): boolean {
  const url = new URL(request.url);
  return request.method === "POST" && anonymousPaths.includes(url.pathname);
}

function authMiddleware(session: SessionStore): Middleware {
  // A request's body can be read once; keep a copy of each signed request for the retry.
  const replays = new WeakMap<Request, Request>();
  return {
    async onRequest({ request }) {
      if (isAnonymous(request)) return request;
      const token = await session.accessToken();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      replays.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      const replay = replays.get(request);
      if (response.status !== 401 || !replay) return response;
      const used = request.headers.get("Authorization")?.replace(/^Bearer /, "") ?? "";
      const renewed = await session.refresh(used);
      if (!renewed) return response;
      replay.headers.set("Authorization", `Bearer ${renewed.accessToken}`);
      return fetch(replay);
    },
  };
}

/** `origin` is where the API is: the page's own origin (next dev proxies it to the backend). */
export function createApi(session: SessionStore, origin: string): Api {
  const api = createClient<paths>({ baseUrl: origin });
  api.use(authMiddleware(session));
  session.useRefreshCall(async (refreshToken) => {
    const { data, response } = await api.POST("/api/v1/sessions/refresh", { body: { refresh_token: refreshToken } });
    if (data) return data;
    if (response.status === 401) return null;
    throw problemToError(response.status, undefined);
  });
  return api;
}

/** The data of a successful call, or the problem thrown as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemToError(response.status, error);
  return data as T;
}

