/**
 * The signed-in session, kept in localStorage so a reload (and every other tab) stays signed in.
 *
 * Refreshing is single-flight within a tab and across tabs: the server revokes the whole session
 * when a refresh token that was already rotated is presented again, so two tabs refreshing with
 * the same token at once would sign the user out. Within a tab one promise is shared; across tabs
 * a Web Lock serialises refreshes, and whoever gets the lock re-reads storage first because
 * another tab may have rotated the token while it waited.
 */
import type { TokenPair, User } from "@/api/types";

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
  refreshToken: string;
  user: User;
}

/** Asks the server for a new pair; null when the refresh token was refused (session over). */
export type RefreshCall = (refreshToken: string) => Promise<TokenPair | null>;

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface SessionStoreDeps {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  locks?: LockManagerLike;
  now: () => number;
}

export const STORAGE_KEY = "hexchat.session";
const LOCK_NAME = "hexchat-refresh";
/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 30_000;

export class SessionStore {
  private refreshing: Promise<Session | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private refreshCall: RefreshCall | null = null;

  constructor(private readonly deps: SessionStoreDeps) {}

  /** The refresh call needs the API client, which itself needs this store: wired after both exist. */
  useRefreshCall(call: RefreshCall): void {
    this.refreshCall = call;
  }

  current(): Session | null {
    const raw = this.deps.storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Session;
    } catch {
      return null;
    }
  }

  save(pair: TokenPair): Session {
    const session: Session = {
      accessToken: pair.access_token,
      accessExpiresAt: this.deps.now() + pair.expires_in * 1000,
      refreshToken: pair.refresh_token,
      user: pair.user,
    };
    this.deps.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.notify();
    return session;
  }

  updateUser(user: User): void {
    const session = this.current();
    if (!session) return;
    this.deps.storage.setItem(STORAGE_KEY, JSON.stringify({ ...session, user }));
    this.notify();
  }

  clear(): void {
    this.deps.storage.removeItem(STORAGE_KEY);
    this.notify();
  }

  /** Listeners run on changes made in this tab; the React layer adds the `storage` event for others. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** A usable access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.current();
    if (!session) return null;
    if (session.accessExpiresAt - this.deps.now() > REFRESH_MARGIN_MS) return session.accessToken;
    return (await this.refresh(session.accessToken))?.accessToken ?? null;
  }

  /**
   * Gets a fresh session because `staleAccessToken` was refused or is expiring. If the stored
   * session already moved past that token (another request or tab refreshed), that one is used.
   */
  refresh(staleAccessToken: string): Promise<Session | null> {
    this.refreshing ??= this.refreshOnce(staleAccessToken).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(staleAccessToken: string): Promise<Session | null> {
    const run = () => this.rotate(staleAccessToken);
    return this.deps.locks ? this.deps.locks.request(LOCK_NAME, run) : run();
  }

  private async rotate(staleAccessToken: string): Promise<Session | null> {
    const session = this.current();
    if (!session) return null;
    const alreadyRotated = session.accessToken !== staleAccessToken;
    if (alreadyRotated && session.accessExpiresAt - this.deps.now() > REFRESH_MARGIN_MS) return session;
    if (!this.refreshCall) throw new Error("SessionStore used before its refresh call was set");
    const pair = await this.refreshCall(session.refreshToken);
    if (!pair) {
      this.clear();
      return null;
    }
    return this.save(pair);
  }
}
