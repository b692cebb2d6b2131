"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Message } from "@/api/types";
import { ApiError, errorMessage } from "@/api/problem";
import { conversationTitle, otherParticipant } from "@/state/chat";
import { mainLine } from "@/state/threads";
import { emptyTimeline, lastSeq } from "@/state/timeline";
import { useChat } from "@/store/ChatProvider";
import { useEnsureUsers } from "@/store/useEnsureUsers";
import { Composer } from "./Composer";
import styles from "./ConversationView.module.css";
import { ErrorAlert } from "./ErrorAlert";
import { GroupDetailsDialog } from "./GroupDetailsDialog";
import { MessageList } from "./MessageList";
import { PinsDialog } from "./PinsDialog";
import { ThreadPanel } from "./ThreadPanel";
import { TypingIndicator } from "./TypingIndicator";
import { useAction } from "./useAction";

/** How often, and how many times, a timeline behind the conversation list loads again. */
const CATCH_UP_MS = 300;
const CATCH_UP_ATTEMPTS = 20;

function loadFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return "This conversation does not exist or you are not in it.";
  return errorMessage(error);
}

export function ConversationView({ conversationId }: { conversationId: string }) {
  const { state, commands } = useChat();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [pinsOpen, setPinsOpen] = useState(false);
  const router = useRouter();
  const params = useSearchParams();
  // The open thread is in the address too (`&t=ROOT`), so that a phone's Back closes it.
  const threadId = params.get("t");
  // A search result opens the conversation at its message (`&m=SEQ`).
  const openedAt = Number(params.get("m")) || undefined;
  const mute = useAction();
  const summary = state.summaries[conversationId];
  const timeline = state.timelines[conversationId];
  const isGroup = summary?.kind === "group";
  const other = summary && !isGroup ? otherParticipant(state, summary) : undefined;
  // A listed conversation names only its first participants; the senders name the rest shown.
  useEnsureUsers([...(summary?.participant_ids ?? []), ...(timeline?.messages.map((message) => message.sender_id) ?? [])]);

  // Opened at a message, the conversation loads around it instead of its latest page.
  const openedFirstAt = useRef(openedAt);
  useEffect(() => {
    commands.select(conversationId);
    commands.openConversation(conversationId, openedFirstAt.current).catch((error: unknown) => setLoadError(loadFailure(error)));
    return () => commands.select(null);
  }, [commands, conversationId]);

  // Another message opened once the conversation is open.
  useEffect(() => {
    if (!openedAt) return;
    if (openedAt === openedFirstAt.current) {
      openedFirstAt.current = undefined;
      return;
    }
    commands.loadAround(conversationId, openedAt).catch((error: unknown) => setLoadError(loadFailure(error)));
  }, [commands, conversationId, openedAt]);

  // A reply found is shown in its thread: the timeline shows no replies.
  const foundReply = openedAt ? timeline?.messages.find((message) => message.seq === openedAt)?.thread_root_id : undefined;
  useEffect(() => {
    if (foundReply && foundReply !== threadId) router.replace(`/?c=${conversationId}&m=${openedAt}&t=${foundReply}`);
  }, [conversationId, foundReply, openedAt, router, threadId]);

  useEffect(() => {
    if (isGroup) void commands.loadGroup(conversationId).catch(() => undefined);
  }, [commands, conversationId, isGroup]);

  useEffect(() => {
    if (other) void commands.loadPresence([other]).catch(() => undefined);
  }, [commands, other]);

  // Which messages are pinned shows in their menus and under them.
  useEffect(() => {
    void commands.loadPins(conversationId).catch(() => undefined);
  }, [commands, conversationId]);

  // Reading happens while the conversation is on screen and the window has focus.
  const newest = timeline ? lastSeq(timeline) : 0;

  // The timeline is read from read models, which may lag the message the list already shows
  // (its frame came before the conversation was opened): then the latest page is asked again.
  // A window far back is behind by design: it pages forward as the reader scrolls.
  const behind = timeline !== undefined && !timeline.hasNewer && (summary?.last_message?.seq ?? 0) > newest;
  const [catchUps, setCatchUps] = useState(0);
  useEffect(() => {
    if (!behind || catchUps >= CATCH_UP_ATTEMPTS) return;
    const timer = setTimeout(() => {
      void commands.loadLatest(conversationId).catch(() => undefined).finally(() => setCatchUps((count) => count + 1));
    }, CATCH_UP_MS);
    return () => clearTimeout(timer);
  }, [behind, catchUps, commands, conversationId]);
  const postedRead = useRef(0);
  useEffect(() => {
    if (!state.focused || newest <= postedRead.current) return;
    postedRead.current = newest;
    commands.markRead(conversationId, newest).catch(() => {
      postedRead.current = 0; // Try again with the next message or focus.
    });
  }, [commands, conversationId, newest, state.focused]);

  if (loadError) {
    return (
      <div className={styles.view}>
        <Link href="/" className={styles.back}>
          Back
        </Link>
        <ErrorAlert message={loadError} />
      </div>
    );
  }
  if (!summary) return <p role="status">Loading conversation…</p>;

  const title = conversationTitle(state, summary);
  const muted = state.muted[conversationId] ?? false;
  const presence = other ? (state.presence[other] ?? "offline") : undefined;
  const role = state.groups[conversationId]?.members.find((member) => member.user_id === state.me)?.role;
  const canModerate = role === "owner" || role === "admin";
  const permissions = { kind: summary.kind, canModerate, canPin: !isGroup || canModerate };
  const openThread = (root: Message) => router.push(`/?c=${conversationId}&t=${root.id}`);

  return (
    <div className={styles.split} data-thread={threadId ? "open" : undefined}>
      <div className={styles.view}>
        <header className={styles.header}>
          <Link href="/" className={styles.back}>
            Back
          </Link>
          <h2 className={styles.title}>{title}</h2>
          {presence && (
            <span className={styles.presence} data-status={presence} aria-label={`${title} is ${presence}`}>
              {presence === "online" ? "Online" : "Offline"}
            </span>
          )}
          <span className={styles.tools}>
            <button type="button" disabled={mute.busy} onClick={() => void mute.run(() => commands.setMuted(conversationId, !muted))}>
              {muted ? "Unmute" : "Mute"}
            </button>
            <button type="button" onClick={() => setPinsOpen(true)}>
              Pinned
            </button>
            {isGroup && !summary.closed && (
              <button type="button" onClick={() => setDetailsOpen(true)}>
                Group details
              </button>
            )}
          </span>
        </header>
        <ErrorAlert message={mute.error} />
        <MessageList
          {...permissions}
          conversationId={conversationId}
          label="Messages"
          timeline={timeline ?? emptyTimeline}
          shown={mainLine(timeline?.messages ?? [])}
          loadOlder={(beforeSeq) => commands.loadOlder(conversationId, beforeSeq)}
          olderLabel="Load earlier messages"
          loadNewer={(afterSeq) => commands.loadNewer(conversationId, afterSeq)}
          focusSeq={openedAt}
          startLabel="This is the start of the conversation."
          onOpenThread={openThread}
        />
        <TypingIndicator conversationId={conversationId} />
        {summary.closed ? (
          <p className={styles.closed}>This group was deleted. Its history stays readable.</p>
        ) : (
          <Composer conversationId={conversationId} />
        )}
        {detailsOpen && <GroupDetailsDialog groupId={conversationId} onClose={() => setDetailsOpen(false)} />}
        {pinsOpen && <PinsDialog conversationId={conversationId} canPin={permissions.canPin} onClose={() => setPinsOpen(false)} />}
      </div>
      {threadId && <ThreadPanel key={threadId} {...permissions} conversationId={conversationId} rootId={threadId} closed={summary.closed} focusSeq={openedAt} />}
    </div>
  );
}
