"use client";
/** The bodies a message had before its edits, oldest first, then the one it has now. */
import { useEffect, useState } from "react";
import { errorMessage } from "@/api/problem";
import type { EarlierBody, Message } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { clock } from "./clock";
import styles from "./EditHistoryDialog.module.css";
import { ErrorAlert } from "./ErrorAlert";
import { MessageBody } from "./MessageBody";
import { Modal } from "./Modal";

export function EditHistoryDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const { commands } = useChat();
  const [earlier, setEarlier] = useState<EarlierBody[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    commands.earlierBodies(message).then(setEarlier, (failure: unknown) => setError(errorMessage(failure)));
  }, [commands, message]);

  return (
    <Modal title="Edit history" onClose={onClose}>
      <ErrorAlert message={error} />
      {earlier === null && !error && <p role="status">Loading…</p>}
      {earlier && (
        <ol className={styles.versions} aria-label="Versions, oldest first">
          {earlier.map((version) => (
            <li key={version.written_at}>
              <MessageBody source={version.body} />
              <p className={styles.when}>
                Written <time dateTime={version.written_at}>{clock(version.written_at)}</time>, replaced{" "}
                <time dateTime={version.replaced_at}>{clock(version.replaced_at)}</time>
              </p>
            </li>
          ))}
          <li>
            <MessageBody source={message.body} />
            <p className={styles.when}>Now</p>
          </li>
        </ol>
      )}
    </Modal>
  );
}
