"use client";
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage } from "@/api/problem";
import { useChat } from "@/store/ChatProvider";
import styles from "./Composer.module.css";
import { ErrorAlert } from "./ErrorAlert";

interface ComposerProps {
  conversationId: string;
  /** Replies in this thread. */
  threadRootId?: string;
  label?: string;
  placeholder?: string;
  submitLabel?: string;
}

export function Composer({ conversationId, threadRootId, label = "Message", placeholder = "Write a message", submitLabel = "Send" }: ComposerProps) {
  const { commands, typing } = useChat();
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);

  function send() {
    if (!body.trim()) return;
    setBody("");
    setError(null);
    // Optimistic: the message shows at once as "Sending…"; a failure leaves it "Not sent" with Retry.
    commands.send(conversationId, body, undefined, threadRootId).catch((failure: unknown) => setError(errorMessage(failure)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <form className={styles.composer} onSubmit={onSubmit}>
      <ErrorAlert message={error} />
      <div className={styles.row}>
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <textarea
          id={id}
          rows={2}
          value={body}
          placeholder={placeholder}
          onChange={(event) => {
            setBody(event.target.value);
            if (event.target.value) typing(conversationId);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
