/**
 * Issue 17's routes still to land (a send's attachments, search), called without types until the server's
 * OpenAPI document has them and `make api-client` brings them into schema.d.ts; then the
 * commands use the typed client and this file goes.
 */
import type { Api } from "./client";

interface Init {
  params: { path?: Record<string, string>; query?: Record<string, string | number | undefined> };
  body?: unknown;
}

type Call = <T = unknown>(path: string, init: Init) => Promise<{ data?: T; error?: unknown; response: Response }>;

export type LooseApi = Record<"GET" | "POST", Call>;

export const loose = (api: Api): LooseApi => api as unknown as LooseApi;
