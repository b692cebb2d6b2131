"use client";
/**
 * The signed-in screen: conversation list beside the open conversation. On a phone the two are
 * separate views, chosen by whether `?c=` names a conversation.
 */
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useChat } from "@/store/ChatProvider";
import styles from "./AppShell.module.css";
import { ConnectionBanner } from "./ConnectionBanner";
import { ConversationList } from "./ConversationList";
import { ConversationView } from "./ConversationView";
import { MessageSearch } from "./MessageSearch";
import { NewChatDialog } from "./NewChatDialog";
import { NewGroupDialog } from "./NewGroupDialog";
import { NotificationsDialog } from "./NotificationsDialog";

type OpenDialog = "chat" | "group" | "notifications" | null;

export function AppShell() {
  const openId = useSearchParams().get("c");
  const { state } = useChat();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);
  const unread = state.notifications.unreadCount;

  return (
    <div className={styles.shell} data-view={openId ? "conversation" : "list"}>
      <header className={styles.topbar}>
        <h1 className={styles.brand}>HexChat</h1>
        <button type="button" onClick={() => setDialog("chat")}>
          New chat
        </button>
        <button type="button" onClick={() => setDialog("group")}>
          New group
        </button>
        <button type="button" onClick={() => setDialog("notifications")}>
          Notifications
          {unread > 0 && (
            <span className={styles.badge} aria-label={`${unread} unread notifications`}>
              {unread}
            </span>
          )}
        </button>
        <Link href="/profile/">Profile</Link>
      </header>
      <ConnectionBanner />
      <div className={styles.list}>
        <MessageSearch>
          <nav aria-label="Conversations">
            <ConversationList openId={openId} />
          </nav>
        </MessageSearch>
      </div>
      <main className={styles.conversation}>
        {openId ? (
          <ConversationView key={openId} conversationId={openId} />
        ) : (
          <p className={styles.placeholder}>Pick a conversation, or start a new chat.</p>
        )}
      </main>
      {dialog === "chat" && <NewChatDialog onClose={close} />}
      {dialog === "group" && <NewGroupDialog onClose={close} />}
      {dialog === "notifications" && <NotificationsDialog onClose={close} />}
    </div>
  );
}
