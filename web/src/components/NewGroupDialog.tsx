"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { User } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { ErrorAlert } from "./ErrorAlert";
import { Field } from "./Field";
import styles from "./Forms.module.css";
import { Modal } from "./Modal";
import { useAction } from "./useAction";
import { UserSearch } from "./UserSearch";

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const { state, commands } = useChat();
  const router = useRouter();
  const { busy, error, fieldErrors, run } = useAction();
  const [name, setName] = useState("");
  const [people, setPeople] = useState<User[]>([]);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let groupId = "";
    const done = await run(async () => {
      groupId = await commands.createGroup(
        name,
        people.map((user) => user.id),
      );
    });
    if (done) {
      onClose();
      router.push(`/?c=${groupId}`);
    }
  }

  return (
    <Modal title="New group" onClose={onClose}>
      <form className={styles.form} onSubmit={create}>
        <Field label="Group name" value={name} onChange={(event) => setName(event.target.value)} required error={fieldErrors.name} />
        <UserSearch
          label="Add people"
          excludeIds={[state.me, ...people.map((user) => user.id)]}
          onPick={(user) => setPeople((chosen) => [...chosen, user])}
        />
        {people.length > 0 && (
          <ul aria-label="Chosen people">
            {people.map((user) => (
              <li key={user.id}>
                {user.display_name}{" "}
                <button type="button" onClick={() => setPeople((chosen) => chosen.filter((other) => other.id !== user.id))}>
                  Remove {user.display_name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorAlert message={error} />
        {busy && (
          <p role="status" aria-busy="true">
            Creating group…
          </p>
        )}
        <div className={styles.actions}>
          <button type="submit" disabled={busy}>
            Create group
          </button>
        </div>
      </form>
    </Modal>
  );
}
