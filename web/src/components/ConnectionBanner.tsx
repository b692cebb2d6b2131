"use client";
import { useChat } from "@/store/ChatProvider";
import styles from "./ConnectionBanner.module.css";

const wording = { connecting: "Connecting…", reconnecting: "Reconnecting…", online: "" } as const;

/** Says when live updates are not flowing; stays in the page (empty) so changes are announced. */
export function ConnectionBanner() {
  const { status } = useChat();
  return (
    <div role="status" className={styles.banner} data-status={status}>
      {wording[status]}
    </div>
  );
}
