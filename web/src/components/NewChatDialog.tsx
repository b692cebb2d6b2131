"use client";
import { useRouter } from "next/navigation";
import { useChat } from "@/store/ChatProvider";
import { ErrorAlert } from "./ErrorAlert";
import { Modal } from "./Modal";
import { useAction } from "./useAction";
import { UserSearch } from "./UserSearch";

export function NewChatDialog({ onClose }: { onClose: () => void }) {
  const { state, commands } = useChat();
  const router = useRouter();
  const { busy, error, run } = useAction();

  async function start(userId: string) {
    let conversationId = "";
    const done = await run(async () => {
      conversationId = await commands.openDirect(userId);
    });
    if (done) {
      onClose();
      router.push(`/?c=${conversationId}`);
    }
  }

  return (
    <Modal title="New chat" onClose={onClose}>
      <UserSearch label="Search people" excludeIds={[state.me]} onPick={(user) => void start(user.id)} />
      {busy && <p role="status">Opening…</p>}
      <ErrorAlert message={error} />
    </Modal>
  );
}
