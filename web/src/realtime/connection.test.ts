import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PING_INTERVAL_MS, PONG_TIMEOUT_MS, RealtimeConnection, type SocketLike } from "./connection";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const options = {
    url: "ws://test/ws",
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    accessToken: vi.fn(async () => "token"),
    refreshToken: vi.fn(async () => "fresh"),
    cursors: vi.fn(() => ({ c1: 4 })),
    onEvent: vi.fn(),
    onStatus: vi.fn(),
    onResumed: vi.fn(),
    random: () => 0,
  };
  const connection = new RealtimeConnection(options);
  return { connection, options, sockets };
}

/** Lets the connection's awaited token promise settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** A connection through its whole handshake on its first socket. */
async function online() {
  const started = setup();
  started.connection.start();
  await settle();
  started.sockets[0].open();
  started.sockets[0].receive({ type: "ready", user_id: "me" });
  started.sockets[0].receive({ type: "resumed" });
  return started;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("RealtimeConnection", () => {
  it("authenticates, always resumes with the cursors, and is online after resumed", async () => {
    const { connection, options, sockets } = setup();
    connection.start();
    await settle();
    sockets[0].open();
    expect(sockets[0].sent).toEqual([{ type: "auth", token: "token" }]);
    sockets[0].receive({ type: "ready", user_id: "me" });
    expect(sockets[0].sent.at(-1)).toEqual({ type: "resume", cursors: { c1: 4 } });
    sockets[0].receive({ type: "message.created", data: { seq: 5 } });
    expect(options.onEvent).toHaveBeenCalledWith({ type: "message.created", data: { seq: 5 } });
    expect(options.onStatus).toHaveBeenLastCalledWith("connecting");
    sockets[0].receive({ type: "resumed" });
    expect(options.onStatus).toHaveBeenLastCalledWith("online");
    expect(options.onResumed).toHaveBeenCalledExactlyOnceWith([]);
  });

  it("passes on the conversations too far behind to replay", async () => {
    const { connection, options, sockets } = setup();
    connection.start();
    await settle();
    sockets[0].open();
    sockets[0].receive({ type: "ready", user_id: "me" });
    sockets[0].receive({ type: "resumed", too_old: ["c1"] });
    expect(options.onResumed).toHaveBeenCalledExactlyOnceWith(["c1"]);
  });

  it("reconnects with growing delays and refreshes the token after 4401", async () => {
    const { connection, options, sockets } = setup();
    connection.start();
    await settle();
    sockets[0].drop(1006);
    expect(options.onStatus).toHaveBeenLastCalledWith("reconnecting");
    await vi.advanceTimersByTimeAsync(249);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    sockets[1].drop(4401);
    await vi.advanceTimersByTimeAsync(500);
    expect(options.refreshToken).toHaveBeenCalledOnce();
    sockets[2].open();
    expect(sockets[2].sent[0]).toEqual({ type: "auth", token: "fresh" });
  });

  it("waits at least a few seconds after 1013", async () => {
    const { connection, sockets } = setup();
    connection.start();
    await settle();
    sockets[0].drop(1013);
    await vi.advanceTimersByTimeAsync(2999);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
  });

  it("pings, and replaces a socket whose pong never comes", async () => {
    const { sockets } = await online();
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(sockets[0].sent.at(-1)).toEqual({ type: "ping" });
    sockets[0].receive({ type: "pong" });
    await vi.advanceTimersByTimeAsync(PONG_TIMEOUT_MS);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS + PONG_TIMEOUT_MS + 250);
    expect(sockets).toHaveLength(2);
  });

  it("sends a renewed access token on the open socket, once", async () => {
    const { options, sockets } = await online();
    const pinged = async () => {
      await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
      sockets[0].receive({ type: "pong" });
    };
    await pinged();
    expect(sockets[0].sent.filter((frame) => (frame as { type: string }).type === "auth")).toHaveLength(1);
    options.accessToken.mockResolvedValue("renewed");
    await pinged();
    await pinged();
    const auths = sockets[0].sent.filter((frame) => (frame as { type: string }).type === "auth");
    expect(auths).toEqual([
      { type: "auth", token: "token" },
      { type: "auth", token: "renewed" },
    ]);
    sockets[0].receive({ type: "reauthenticated" });
    expect(options.onEvent).not.toHaveBeenCalled();
    expect(sockets).toHaveLength(1);
  });

  it("waits long after 4409, too many sockets of the user", async () => {
    const { connection, sockets } = setup();
    connection.start();
    await settle();
    sockets[0].drop(4409);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
  });

  it("throttles typing to one frame per 3 s per conversation", async () => {
    const { connection, sockets } = await online();
    connection.typing("c1", 0);
    connection.typing("c1", 2999);
    connection.typing("c2", 1000);
    connection.typing("c1", 3000);
    const typing = sockets[0].sent.filter((frame) => (frame as { type: string }).type === "typing");
    expect(typing).toEqual([
      { type: "typing", conversation_id: "c1" },
      { type: "typing", conversation_id: "c2" },
      { type: "typing", conversation_id: "c1" },
    ]);
  });

  it("stops for good when signed out", async () => {
    const { connection, options, sockets } = setup();
    options.accessToken.mockResolvedValueOnce(null as unknown as string);
    connection.start();
    await settle();
    expect(sockets).toHaveLength(0);
  });
});
