"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { unwrap } from "@/api/client";
import { useSession } from "@/auth/SessionProvider";
import { ErrorAlert } from "./ErrorAlert";
import { Field } from "./Field";
import styles from "./Forms.module.css";
import { useAction } from "./useAction";

export function SignUpForm() {
  const context = useSession();
  const router = useRouter();
  const { busy, error, fieldErrors, run } = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username"));
    const password = String(form.get("password"));
    const displayName = String(form.get("display_name"));
    const done = await run(async () => {
      await unwrap(context.api.POST("/api/v1/users", { body: { username, password, display_name: displayName } }));
      await context.signIn(username, password);
    });
    if (done) router.replace("/");
  }

  return (
    <main className={styles.page}>
      <h1>Create your account</h1>
      <form className={styles.form} onSubmit={submit}>
        <Field label="Username" name="username" autoComplete="username" required error={fieldErrors.username} />
        <Field label="Display name" name="display_name" autoComplete="name" required error={fieldErrors.display_name} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required error={fieldErrors.password} />
        <ErrorAlert message={error} />
        <div className={styles.actions}>
          <button type="submit" disabled={busy}>
            Sign up
          </button>
          <Link href="/signin/">Sign in</Link>
        </div>
      </form>
    </main>
  );
}
