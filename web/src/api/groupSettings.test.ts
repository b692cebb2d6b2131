import createClient from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import { chooseWhoCanAddMe, loadWhoCanAddMe } from "./groupSettings";
import { ApiError } from "./problem";
import type { paths } from "./schema";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A server keeping one user's choice, that records what it was asked. */
function fakeServer(kept: string) {
  const calls: string[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const body = request.method === "PUT" ? await request.text() : "";
    calls.push(`${request.method} ${new URL(request.url).pathname} ${body}`.trim());
    if (request.method === "PUT") {
      const { who_can_add_me } = JSON.parse(body) as { who_can_add_me: string };
      if (!["everyone", "contacts"].includes(who_can_add_me)) {
        return json(422, { detail: "The request has invalid values; see `errors`.", errors: [{ field: "who_can_add_me", message: "Input should be 'everyone' or 'contacts'" }] });
      }
      kept = who_can_add_me;
    }
    return json(200, { who_can_add_me: kept });
  });
  return { calls, api: createClient<paths>({ baseUrl: "http://test", fetch }) };
}

describe("who may add me to groups", () => {
  it("reads the choice the server keeps", async () => {
    const { api, calls } = fakeServer("contacts");

    expect(await loadWhoCanAddMe(api)).toBe("contacts");
    expect(calls).toEqual(["GET /api/v1/groups/settings"]);
  });

  it("puts a new choice and answers it as the server keeps it", async () => {
    const { api, calls } = fakeServer("everyone");

    expect(await chooseWhoCanAddMe(api, "contacts")).toBe("contacts");
    expect(await loadWhoCanAddMe(api)).toBe("contacts");
    expect(calls[0]).toBe('PUT /api/v1/groups/settings {"who_can_add_me":"contacts"}');
  });

  it("throws a refusal with the message for the field", async () => {
    const { api } = fakeServer("everyone");

    const refused = chooseWhoCanAddMe(api, "nobody" as never);

    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 422, fieldErrors: { who_can_add_me: expect.any(String) } });
  });
});
