"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, type FormEvent } from "react";
import { useSession } from "@/auth/SessionProvider";
import { ErrorAlert } from "./ErrorAlert";
import { Field } from "./Field";
import styles from "./Forms.module.css";
import { useAction } from "./useAction";

export function SignInForm() {
  const context = useSession();
  const router = useRouter();
  const { busy, error, fieldErrors, run } = useAction();
  const signedIn = Boolean(context.session);

  useEffect(() => {
    if (signedIn) router.replace("/");
  }, [signedIn, router]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(() => context.signIn(String(form.get("username")), String(form.get("password"))));
  }

  return (
    <main className={styles.page}>
      <h1>Sign in</h1>
      <form className={styles.form} onSubmit={submit}>
        <Field label="Username" name="username" autoComplete="username" required error={fieldErrors.username} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
        <ErrorAlert message={error} />
        <div className={styles.actions}>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <Link href="/signup/">Create an account</Link>
        </div>
      </form>
    </main>
  );
}
