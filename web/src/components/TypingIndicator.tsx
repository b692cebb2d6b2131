"use client";
import { useEffect, useState } from "react";
import { typistsAt, typingText } from "@/state/typing";
import { useChat } from "@/store/ChatProvider";
import styles from "./TypingIndicator.module.css";

/** How often to re-check whether typists have gone quiet. */
const RECHECK_MS = 1_000;

export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const { state } = useChat();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => clearInterval(timer);
  }, []);
  const names = typistsAt(state.typing, conversationId, now).map((id) => state.users[id]?.display_name ?? "Someone");
  return (
    <p role="status" aria-live="polite" className={styles.typing}>
      {typingText(names)}
    </p>
  );
}
