/**
 * Keeps one WebSocket to the server alive for as long as the user is signed in.
 *
 * Every (re)connection runs the same handshake: auth, wait for `ready`, then always `resume`
 * with the highest seq seen per conversation, so the first connection and every reconnection
 * are gap-free alike. The connection counts as online once `resumed` arrives. Drops are
 * retried with exponential backoff and jitter, so a restarting server is not stampeded.
 *
 * The server closes a socket when its access token expires (4401), so at every ping the
 * connection asks for a current token (which refreshes it shortly before it expires, here or in
 * another tab) and sends it on the open socket when it changed.
 */
import { isControlFrame, type ClientFrame, type EventFrame, type ServerFrame } from "./frames";

export type ConnectionStatus = "connecting" | "online" | "reconnecting";

/** The part of the browser WebSocket this class uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface RealtimeOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** A current access token, or null when signed out (then the connection stops). */
  accessToken: () => Promise<string | null>;
  /** Called after the server refused our token (close 4401): refresh it, null when signed out. */
  refreshToken: () => Promise<string | null>;
  cursors: () => Record<string, number>;
  onEvent: (frame: EventFrame) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** The replay is done: the caller refreshes over REST what resume does not replay. */
  /** `tooOld`: conversations too far behind to replay, to be reloaded instead. */
  onResumed: (tooOld: string[]) => void;
  random?: () => number;
}

const OPEN = 1;
export const PING_INTERVAL_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
const TYPING_THROTTLE_MS = 3_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** 1013 means the server cannot verify tokens right now: give it a few seconds at least. */
const TRY_AGAIN_LATER_MS = 3_000;
const UNAUTHENTICATED = 4401;
const TRY_AGAIN_LATER = 1013;
/** The user holds as many sockets as the server allows (other tabs): no point retrying soon. */
const TOO_MANY_SOCKETS = 4409;

export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lastTyping = new Map<string, number>();
  private online = false;
  /** The access token the current socket was last authenticated with. */
  private token: string | null = null;

  constructor(private readonly options: RealtimeOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.options.onStatus("connecting");
    void this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.detach()?.close(1000);
  }

  /** Tells the others we are typing, at most once per TYPING_THROTTLE_MS per conversation. */
  typing(conversationId: string, now = Date.now()): void {
    const last = this.lastTyping.get(conversationId);
    if (!this.online || (last !== undefined && now - last < TYPING_THROTTLE_MS)) return;
    this.lastTyping.set(conversationId, now);
    this.send({ type: "typing", conversation_id: conversationId });
  }

  private async connect(afterRefusedToken: boolean): Promise<void> {
    let token: string | null;
    try {
      token = await (afterRefusedToken ? this.options.refreshToken() : this.options.accessToken());
    } catch {
      // Could not refresh (offline?): try again later, as for any other failed connection.
      this.scheduleReconnect(undefined);
      return;
    }
    if (this.stopped) return;
    if (token === null) {
      this.stop();
      return;
    }
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.token = token;
      this.send({ type: "auth", token });
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      this.detach();
      this.scheduleReconnect(event.code);
    };
    socket.onerror = () => {
      // The close event that follows decides what to do.
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (!isControlFrame(frame)) {
      this.options.onEvent(frame);
      return;
    }
    switch (frame.type) {
      case "ready":
        this.send({ type: "resume", cursors: this.options.cursors() });
        this.startKeepalive();
        break;
      case "resumed":
        this.attempt = 0;
        this.online = true;
        this.options.onStatus("online");
        this.options.onResumed(frame.too_old ?? []);
        break;
      case "pong":
        clearTimeout(this.pongTimer);
        break;
      case "reauthenticated":
        break;
      case "error":
        // A refused client frame (e.g. typing in a conversation just left, or a token the server
        // could not verify just now, in which case 4401 and a reconnection follow): nothing to repair.
        break;
    }
  }

  private startKeepalive(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      this.send({ type: "ping" });
      void this.renewAccess();
      clearTimeout(this.pongTimer);
      // No pong: the socket is dead without the browser noticing (sleep, network change).
      this.pongTimer = setTimeout(() => {
        this.detach()?.close();
        this.scheduleReconnect(undefined);
      }, PONG_TIMEOUT_MS);
    }, PING_INTERVAL_MS);
  }

  /** Sends the current access token on the open socket if it is not the one it last sent. */
  private async renewAccess(): Promise<void> {
    let token: string | null;
    try {
      token = await this.options.accessToken();
    } catch {
      return; // Could not refresh (offline?): the next ping tries again.
    }
    if (token === null || token === this.token || !this.online) return;
    this.token = token;
    this.send({ type: "auth", token });
  }

  private send(frame: ClientFrame): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Forgets the current socket so none of its late events count; returns it for closing. */
  private detach(): SocketLike | null {
    const socket = this.socket;
    this.socket = null;
    this.online = false;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    }
    return socket;
  }

  private scheduleReconnect(closeCode: number | undefined): void {
    if (this.stopped) return;
    this.options.onStatus("reconnecting");
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const random = this.options.random ?? Math.random;
    // Half fixed, half random: spreads clients out while still growing with each attempt.
    let delay = ceiling / 2 + (random() * ceiling) / 2;
    if (closeCode === TRY_AGAIN_LATER) delay = Math.max(delay, TRY_AGAIN_LATER_MS);
    if (closeCode === TOO_MANY_SOCKETS) delay = BACKOFF_MAX_MS;
    this.attempt += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(closeCode === UNAUTHENTICATED), delay);
  }
}
