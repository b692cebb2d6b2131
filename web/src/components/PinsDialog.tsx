"use client";
/** The conversation's pinned messages, newest pin first; those allowed to pin may unpin here. */
import { useEffect } from "react";
import type { Pin } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { clock } from "./clock";
import { ErrorAlert } from "./ErrorAlert";
import { MessageBody } from "./MessageBody";
import { Modal } from "./Modal";
import styles from "./PinsDialog.module.css";
import { useAction } from "./useAction";

interface PinsDialogProps {
  conversationId: string;
  canPin: boolean;
  onClose: () => void;
}

export function PinsDialog({ conversationId, canPin, onClose }: PinsDialogProps) {
  const { state, commands } = useChat();
  const load = useAction();
  const unpin = useAction();
  const pins: Pin[] | undefined = state.pins[conversationId];
  const { run } = load;

  useEffect(() => {
    void run(() => commands.loadPins(conversationId));
  }, [commands, conversationId, run]);

  return (
    <Modal title="Pinned messages" onClose={onClose}>
      <ErrorAlert message={load.error ?? unpin.error} />
      {pins === undefined && !load.error && <p role="status">Loading…</p>}
      {pins?.length === 0 && <p>Nothing is pinned yet.</p>}
      {pins && pins.length > 0 && (
        <ul className={styles.pins}>
          {pins.map((pin) => (
            <li key={pin.message.id} className={styles.pin}>
              <p className={styles.who}>
                {state.users[pin.message.sender_id]?.display_name ?? "…"},{" "}
                <time dateTime={pin.message.created_at}>{clock(pin.message.created_at)}</time>
              </p>
              <MessageBody source={pin.message.body} />
              <p className={styles.who}>
                Pinned by {state.users[pin.pinned_by]?.display_name ?? "…"}
                {canPin && (
                  <button type="button" disabled={unpin.busy} onClick={() => void unpin.run(() => commands.pin(pin.message, false))}>
                    Unpin
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
