"use client";
/** Finds people by username or display name prefix; each result is a button that picks them. */
import { useEffect, useId, useState } from "react";
import { errorMessage } from "@/api/problem";
import type { User } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { ErrorAlert } from "./ErrorAlert";
import styles from "./UserSearch.module.css";

const DEBOUNCE_MS = 200;

interface UserSearchProps {
  label: string;
  onPick: (user: User) => void;
  /** People not to offer: the caller, and whoever is already chosen or a member. */
  excludeIds: string[];
}

export function UserSearch({ label, onPick, excludeIds }: UserSearchProps) {
  const { commands } = useChat();
  const id = useId();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<{ query: string; users: User[] }>({ query: "", users: [] });
  const [error, setError] = useState<string | null>(null);
  const prefix = query.trim();

  useEffect(() => {
    if (!prefix) return;
    let current = true;
    const timer = setTimeout(() => {
      commands.searchUsers(prefix).then(
        (users) => {
          if (!current) return;
          setFound({ query: prefix, users });
          setError(null);
        },
        (failure: unknown) => current && setError(errorMessage(failure)),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [commands, prefix]);

  // Results of an older query are not shown for a newer one, nor for an empty box.
  const results = found.query === prefix && prefix ? found.users.filter((user) => !excludeIds.includes(user.id)) : [];

  return (
    <div className={styles.search}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" />
      <ErrorAlert message={error} />
      {results.length > 0 && (
        <ul className={styles.results}>
          {results.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(user);
                  setQuery("");
                }}
              >
                {user.display_name} <span className={styles.username}>@{user.username}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {prefix && found.query === prefix && results.length === 0 && <p className={styles.none}>Nobody found.</p>}
    </div>
  );
}
