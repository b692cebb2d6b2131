"use client";
/**
 * The one store of the signed-in app: the pure chat reducer, the commands that feed it from
 * the API, and the realtime connection that feeds it from the socket.
 */
import { createContext, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { createUploader } from "@/api/uploads";
import { useSession } from "@/auth/SessionProvider";
import { RealtimeConnection, type ConnectionStatus, type SocketLike } from "@/realtime/connection";
import { websocketUrl } from "@/realtime/url";
import { chatReducer, heldMessage, initialChatState, resumeCursors, type ChatState } from "@/state/chat";
import { createCommands, type Commands } from "./commands";

interface ChatContextValue {
  state: ChatState;
  commands: Commands;
  status: ConnectionStatus;
  /** Tells others we are typing (throttled by the connection). */
  typing(conversationId: string): void;
}

const ChatContext = createContext<ChatContextValue | null>(null);

export function ChatProvider({ me, children }: { me: string; children: ReactNode }) {
  const { api, store } = useSession();
  const [state, dispatch] = useReducer(chatReducer, me, initialChatState);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const commands = useMemo(() => createCommands(api, dispatch, createUploader(store, window.location.origin)), [api, store]);
  // The socket's callbacks outlive renders; they read the latest state through this ref.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  const connectionRef = useRef<RealtimeConnection | null>(null);

  useEffect(() => {
    // Over REST at once, so the screen fills even when the socket cannot connect.
    const summaries = commands.loadSummaries().catch(() => undefined);
    void commands.loadNotifications().catch(() => undefined);
    const connection = new RealtimeConnection({
      url: websocketUrl(),
      // The browser's handler types name narrower event classes; only `data` and `code` are read.
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      accessToken: () => store.accessToken(),
      refreshToken: async () => {
        const current = store.current();
        return current ? ((await store.refresh(current.accessToken))?.accessToken ?? null) : null;
      },
      cursors: () => resumeCursors(stateRef.current),
      onEvent: (frame) => {
        dispatch({ type: "frame", frame, now: Date.now() });
        // A loaded pins list takes a pinned message we hold at once; one we do not hold comes over REST.
        if (frame.type !== "message.pinned") return;
        const { conversation_id: id, message_id: messageId } = frame.data;
        if (stateRef.current.pins[id] && !heldMessage(stateRef.current, id, messageId)) {
          void commands.loadPins(id).catch(() => undefined);
        }
      },
      onStatus: setStatus,
      // resume replays new messages only; what else changed while away comes back over REST.
      onResumed: (tooOld) => {
        // Too far behind to replay: what was shown of them has a gap, so they start again.
        if (tooOld.length) dispatch({ type: "timelinesDropped", conversationIds: tooOld });
        void commands.loadSummaries().catch(() => undefined);
        void commands.loadNotifications().catch(() => undefined);
        void commands.loadGroups().catch(() => undefined);
        const open = stateRef.current.openConversationId;
        if (open) void commands.loadLatest(open).catch(() => undefined);
        // So do the replies of the threads opened in it (a thread's frames are not replayed either).
        for (const [rootId, thread] of Object.entries(stateRef.current.threads)) {
          if (open && thread.messages[0]?.conversation_id === open) void commands.loadThread(open, rootId).catch(() => undefined);
        }
      },
    });
    connectionRef.current = connection;
    // The first resume names what the list shows, so the socket opens once the list is loaded:
    // resume then replays, from realtime's log, whatever was sent after the read models answered,
    // which may not yet show messages the socket would otherwise have missed before it subscribed.
    let unmounted = false;
    void summaries.finally(() => {
      if (!unmounted) connection.start();
    });
    return () => {
      unmounted = true;
      connection.stop();
    };
  }, [commands, store]);

  useEffect(() => {
    const onFocus = () => dispatch({ type: "focusChanged", focused: true });
    const onBlur = () => dispatch({ type: "focusChanged", focused: false });
    dispatch({ type: "focusChanged", focused: document.hasFocus() });
    window.addEventListener("focus", onFocus);
    window.addEventListener("blur", onBlur);
    return () => {
      window.removeEventListener("focus", onFocus);
      window.removeEventListener("blur", onBlur);
    };
  }, []);

  const value = useMemo<ChatContextValue>(
    () => ({ state, commands, status, typing: (id) => connectionRef.current?.typing(id) }),
    [state, commands, status],
  );
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChat needs a ChatProvider");
  return value;
}
