"use client";
/**
 * Finds messages across the user's conversations. Typing searches after a pause (Enter at once);
 * results show grouped by conversation in place of the conversation list, each opening its
 * conversation at that message. Clearing the box brings the list back.
 */
import Link from "next/link";
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "@/api/problem";
import type { SearchResult } from "@/api/types";
import { conversationTitle } from "@/state/chat";
import { groupByConversation } from "@/state/search";
import { useChat } from "@/store/ChatProvider";
import { useEnsureUsers } from "@/store/useEnsureUsers";
import { ErrorAlert } from "./ErrorAlert";
import styles from "./MessageSearch.module.css";
import { Snippet } from "./Snippet";
import { useAction } from "./useAction";

const DEBOUNCE_MS = 300;
/** The server's limit on `q`. */
const MAX_QUERY = 200;

interface Found {
  query: string;
  items: SearchResult[];
  nextCursor: string | null;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

/** `children` is what shows while nothing is searched: the conversation list. */
export function MessageSearch({ children }: { children: ReactNode }) {
  const { state, commands } = useChat();
  const id = useId();
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const more = useAction();
  const q = query.trim();
  const current = found && found.query === q ? found : null;
  const groups = groupByConversation(current?.items ?? []);
  useEnsureUsers([
    ...(current?.items.map((result) => result.sender_id) ?? []),
    ...groups.flatMap((group) => state.summaries[group.conversationId]?.participant_ids ?? []),
  ]);

  useEffect(() => {
    if (!q) return;
    let latest = true;
    const timer = setTimeout(
      () => {
        commands.searchMessages(q).then(
          (page) => {
            if (!latest) return;
            setFound({ query: q, items: page.items, nextCursor: page.next_cursor });
            setError(null);
          },
          (failure: unknown) => latest && setError(errorMessage(failure)),
        );
      },
      // Enter searches at once; typing waits for a pause.
      submitted === q ? 0 : DEBOUNCE_MS,
    );
    return () => {
      latest = false;
      clearTimeout(timer);
    };
  }, [commands, q, submitted]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(q);
  }

  async function loadMore() {
    if (!current?.nextCursor) return;
    const page = await commands.searchMessages(current.query, current.nextCursor);
    setFound({ query: current.query, items: [...current.items, ...page.items], nextCursor: page.next_cursor });
  }

  function title(conversationId: string): string {
    const summary = state.summaries[conversationId];
    return summary ? conversationTitle(state, summary) : "Conversation";
  }

  function sender(result: SearchResult): string {
    return result.sender_id === state.me ? "You" : (state.users[result.sender_id]?.display_name ?? "…");
  }

  return (
    <>
      <form role="search" aria-label="Messages" className={styles.form} onSubmit={onSubmit}>
        <label htmlFor={id} className="visually-hidden">
          Search messages
        </label>
        <input
          id={id}
          type="search"
          value={query}
          maxLength={MAX_QUERY}
          placeholder="Search messages"
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            if (!event.target.value.trim()) setError(null);
          }}
        />
        {q && (
          <button type="button" onClick={() => setQuery("")}>
            Clear search
          </button>
        )}
      </form>
      {q ? (
        <section aria-label="Search results" className={styles.results}>
          <ErrorAlert message={error} />
          {!current && !error && <p role="status">Searching…</p>}
          {current && current.items.length === 0 && <p role="status">No messages found.</p>}
          {groups.map((group) => (
            <section key={group.conversationId} aria-labelledby={`${id}-${group.conversationId}`}>
              <h2 id={`${id}-${group.conversationId}`} className={styles.conversation}>
                {title(group.conversationId)}
              </h2>
              <ul className={styles.list}>
                {group.results.map((result) => (
                  <li key={result.message_id}>
                    <Link href={`/?c=${result.conversation_id}&m=${result.seq}`} className={styles.result}>
                      <span className={styles.meta}>
                        {sender(result)}, <time dateTime={result.created_at}>{when(result.created_at)}</time>
                      </span>
                      <span className={styles.snippet}>
                        <Snippet parts={result.snippet} />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {current?.nextCursor && (
            <button type="button" className={styles.more} onClick={() => void more.run(loadMore)} aria-busy={more.busy}>
              More results
            </button>
          )}
          <ErrorAlert message={more.error} />
        </section>
      ) : (
        children
      )}
    </>
  );
}
