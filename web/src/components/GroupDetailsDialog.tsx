"use client";
/** A group's name and members, with the controls the caller's role allows. */
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import type { Group } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import { useEnsureUsers } from "@/store/useEnsureUsers";
import { ErrorAlert } from "./ErrorAlert";
import { Field } from "./Field";
import formStyles from "./Forms.module.css";
import styles from "./GroupDetailsDialog.module.css";
import { Modal } from "./Modal";
import { useAction } from "./useAction";
import { UserSearch } from "./UserSearch";

function RenameForm({ group }: { group: Group }) {
  const { commands } = useChat();
  const [name, setName] = useState(group.name);
  const { busy, error, fieldErrors, run } = useAction();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(() => commands.renameGroup(group.id, name));
  }
  return (
    <form className={formStyles.form} onSubmit={submit}>
      <Field label="Group name" value={name} onChange={(event) => setName(event.target.value)} required error={fieldErrors.name} />
      <ErrorAlert message={error} />
      <div className={formStyles.actions}>
        <button type="submit" disabled={busy}>
          Rename
        </button>
      </div>
    </form>
  );
}

export function GroupDetailsDialog({ groupId, onClose }: { groupId: string; onClose: () => void }) {
  const { state, commands } = useChat();
  const router = useRouter();
  const { error, run } = useAction();
  const { error: loadError, run: runLoad } = useAction();
  const group = state.groups[groupId];
  const memberIds = group?.members.map((member) => member.user_id) ?? [];
  const memberKey = memberIds.join(",");
  useEnsureUsers(memberIds);

  useEffect(() => {
    // Fresh members and roles each time the dialog opens; group.updated frames keep them so.
    void runLoad(() => commands.loadGroup(groupId));
  }, [commands, groupId, runLoad]);

  useEffect(() => {
    if (memberKey) void commands.loadPresence(memberKey.split(",")).catch(() => undefined);
  }, [commands, memberKey]);

  if (!group) {
    return (
      <Modal title="Group details" onClose={onClose}>
        {loadError ? <ErrorAlert message={loadError} /> : <p role="status">Loading…</p>}
      </Modal>
    );
  }

  const myRole = group.members.find((member) => member.user_id === state.me)?.role;
  const isOwner = myRole === "owner";
  const canManage = isOwner || myRole === "admin";
  const nameOf = (id: string) => state.users[id]?.display_name ?? "…";

  async function leaveWith(action: () => Promise<void>) {
    if (await run(action)) {
      onClose();
      router.push("/");
    }
  }

  return (
    <Modal title="Group details" onClose={onClose}>
      {canManage ? <RenameForm group={group} /> : <p>{group.name}</p>}
      <h3>Members</h3>
      <ul className={styles.members}>
        {group.members.map((member) => {
          const name = nameOf(member.user_id);
          const presence = state.presence[member.user_id] ?? "offline";
          const isMe = member.user_id === state.me;
          return (
            <li key={member.user_id} className={styles.member}>
              <span className={styles.dot} data-status={presence} aria-label={`${name} is ${presence}`} role="img" />
              <span className={styles.name}>{isMe ? `${name} (you)` : name}</span>
              <span className={styles.role}>{member.role}</span>
              {isOwner && !isMe && (
                <select
                  aria-label={`Role for ${name}`}
                  value={member.role}
                  onChange={(event) => void run(() => commands.setRole(group.id, member.user_id, event.target.value as "member" | "admin"))}
                >
                  <option value="member">member</option>
                  <option value="admin">admin</option>
                </select>
              )}
              {canManage && !isMe && member.role !== "owner" && (
                <button type="button" onClick={() => void run(() => commands.removeMember(group.id, member.user_id, state.me))}>
                  Remove {name}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {canManage && (
        <UserSearch label="Add member" excludeIds={memberIds} onPick={(user) => void run(() => commands.addMember(group.id, user.id))} />
      )}
      <ErrorAlert message={error} />
      <div className={formStyles.actions}>
        <button type="button" onClick={() => void leaveWith(() => commands.removeMember(group.id, state.me, state.me))}>
          Leave group
        </button>
        {isOwner && (
          <button type="button" onClick={() => void leaveWith(() => commands.deleteGroup(group.id))}>
            Delete group
          </button>
        )}
      </div>
    </Modal>
  );
}
