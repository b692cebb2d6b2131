import { describe, expect, it } from "vitest";
import { SessionStore } from "@/auth/session";
import { ANN, memoryStorage } from "@/test/fixtures";
import { ApiError } from "./problem";
import { createUploader, type UploadRequest } from "./uploads";

const uploaded = { id: "u1", filename: "cat.png", content_type: "image/png", size: 3, width: 1, height: 1 };

/** An XMLHttpRequest that answers as `answer` says for the token it was sent with. */
class FakeRequest {
  static sent: FakeRequest[] = [];
  headers: Record<string, string> = {};
  url = "";
  body: FormData | null = null;
  status = 0;
  responseText = "";
  responseType: XMLHttpRequestResponseType = "";
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor(private readonly answer: (request: FakeRequest) => { status: number; body: unknown } | "network" | "hang") {}

  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeRequest.sent.push(this);
    queueMicrotask(() => {
      this.upload.onprogress?.({ loaded: 1, total: 4, lengthComputable: true });
      this.upload.onprogress?.({ loaded: 3, total: 4, lengthComputable: true });
      const answer = this.answer(this);
      if (answer === "hang") return;
      if (answer === "network") return this.onerror?.();
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.onload?.();
    });
  }
  abort() {
    this.onabort?.();
  }
}

function uploader(answer: ConstructorParameters<typeof FakeRequest>[0], accessToken = "valid") {
  FakeRequest.sent = [];
  const store = new SessionStore({ storage: memoryStorage(), now: () => 0 });
  store.save({ access_token: accessToken, refresh_token: "refresh1", token_type: "bearer", expires_in: 900, user: ANN });
  store.useRefreshCall(async () => ({ access_token: "valid", refresh_token: "refresh2", token_type: "bearer", expires_in: 900, user: ANN }));
  return createUploader(store, "https://chat.example", () => new FakeRequest(answer) as unknown as UploadRequest);
}

const file = new File(["cat"], "cat.png", { type: "image/png" });
const onlyValid = (request: FakeRequest) =>
  request.headers.Authorization === "Bearer valid" ? { status: 201, body: uploaded } : { status: 401, body: { detail: "Not authenticated" } };

describe("uploading a file", () => {
  it("sends it as the `file` part with the token, reporting progress up to done", async () => {
    const progress: number[] = [];
    const answer = await uploader(onlyValid)(file, (fraction) => progress.push(fraction), new AbortController().signal);
    expect(answer).toEqual(uploaded);
    expect(progress).toEqual([0.25, 0.75, 1]);
    const [request] = FakeRequest.sent;
    expect(request.url).toBe("https://chat.example/api/v1/uploads");
    expect((request.body?.get("file") as File).name).toBe("cat.png");
  });

  it("refreshes once on 401 and sends again", async () => {
    const answer = await uploader(onlyValid, "expired")(file, () => undefined, new AbortController().signal);
    expect(answer).toEqual(uploaded);
    expect(FakeRequest.sent.map((request) => request.headers.Authorization)).toEqual(["Bearer expired", "Bearer valid"]);
  });

  it.each([
    [413, { title: "Payload Too Large", detail: "Files may be at most 25 MiB." }, "Files may be at most 25 MiB."],
    [415, { title: "Unsupported Media Type", detail: "Files of this type are not accepted." }, "Files of this type are not accepted."],
    [429, { title: "Too Many Requests" }, "Too Many Requests"],
    [422, { errors: [{ field: "file", message: "The file is empty." }] }, "Request failed (422)."],
  ])("explains a %d problem as the client explains any", async (status, body, message) => {
    const failure = uploader(() => ({ status, body }))(file, () => undefined, new AbortController().signal);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
  });

  it("fails as an unreachable server does when the network fails", async () => {
    await expect(uploader(() => "network")(file, () => undefined, new AbortController().signal)).rejects.toBeInstanceOf(TypeError);
  });

  it("stops when it is taken out", async () => {
    const taken = new AbortController();
    const upload = uploader(() => "hang")(file, () => undefined, taken.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    taken.abort();
    await expect(upload).rejects.toMatchObject({ name: "AbortError" });
  });
});
