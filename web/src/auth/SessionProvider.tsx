"use client";
/**
 * Makes the session, and the API client signed with it, available to every screen. The
 * session lives in localStorage, so it is read through useSyncExternalStore: changes made by
 * other tabs (a refresh, a sign-out) show up here too.
 */
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { createApi, type Api } from "@/api/client";
import type { User } from "@/api/types";
import { DeviceTokens, signIn as signInWith } from "./devices";
import { SessionStore, STORAGE_KEY, type Session } from "./session";

interface SessionContextValue {
  /** undefined until the browser storage has been read (static pages render without it). */
  session: Session | null | undefined;
  store: SessionStore;
  api: Api;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  updateUser(user: User): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function createSessionStore(): SessionStore {
  return new SessionStore({
    storage: window.localStorage,
    locks: navigator.locks,
    now: () => Date.now(),
  });
}

/** One store and client per tab: both are module state because the page is a single app. */
let shared: { store: SessionStore; api: Api } | null = null;

function sharedSession() {
  if (!shared) {
    const store = createSessionStore();
    shared = { store, api: createApi(store, window.location.origin) };
  }
  return shared;
}

function subscribe(onChange: () => void): () => void {
  const unsubscribe = sharedSession().store.subscribe(onChange);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    unsubscribe();
    window.removeEventListener("storage", onStorage);
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const raw = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(STORAGE_KEY),
    () => undefined,
  );
  // Parsing once per stored value keeps the session object stable between renders.
  const session = useMemo(() => (raw === undefined ? undefined : raw === null ? null : sharedSession().store.current()), [raw]);

  const signIn = useCallback(async (username: string, password: string) => {
    const { api, store } = sharedSession();
    await signInWith(api, store, new DeviceTokens(window.localStorage), username, password);
  }, []);

  const signOut = useCallback(async () => {
    const { api, store } = sharedSession();
    try {
      await api.DELETE("/api/v1/sessions/current");
    } finally {
      // Signed out locally even when the server cannot be told: the token expires anyway.
      store.clear();
    }
  }, []);

  // Store and client are created on first use, in the browser: prerendering never touches them.
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      get store() {
        return sharedSession().store;
      },
      get api() {
        return sharedSession().api;
      },
      signIn,
      signOut,
      updateUser: (user) => sharedSession().store.updateUser(user),
    }),
    [session, signIn, signOut],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession needs a SessionProvider");
  return value;
}
