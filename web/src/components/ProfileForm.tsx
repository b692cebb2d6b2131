"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { unwrap } from "@/api/client";
import type { Session } from "@/auth/session";
import { useSession } from "@/auth/SessionProvider";
import { ErrorAlert } from "./ErrorAlert";
import { Field } from "./Field";
import styles from "./Forms.module.css";
import { useAction } from "./useAction";
import { WhoCanAddMeForm } from "./WhoCanAddMeForm";

export function ProfileForm({ session }: { session: Session }) {
  const context = useSession();
  const router = useRouter();
  const save = useAction();
  const signOut = useAction();
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const displayName = String(new FormData(event.currentTarget).get("display_name"));
    const done = await save.run(async () => {
      context.updateUser(await unwrap(context.api.PATCH("/api/v1/users/me", { body: { display_name: displayName } })));
    });
    setSaved(done);
  }

  async function leave() {
    if (await signOut.run(() => context.signOut())) router.replace("/signin/");
  }

  return (
    <main className={styles.page}>
      <p>
        <Link href="/">Back to chats</Link>
      </p>
      <h1>Profile</h1>
      <p>@{session.user.username}</p>
      <form className={styles.form} onSubmit={submit}>
        <Field
          label="Display name"
          name="display_name"
          defaultValue={session.user.display_name}
          required
          error={save.fieldErrors.display_name}
        />
        <ErrorAlert message={save.error ?? signOut.error} />
        <div className={styles.actions}>
          <button type="submit" disabled={save.busy}>
            Save
          </button>
          <p role="status">{saved ? "Saved" : ""}</p>
        </div>
      </form>
      <h2>Groups</h2>
      <WhoCanAddMeForm api={context.api} />
      <p>
        <button type="button" onClick={leave} disabled={signOut.busy}>
          Sign out
        </button>
      </p>
    </main>
  );
}
