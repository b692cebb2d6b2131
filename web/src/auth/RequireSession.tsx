"use client";
/** Renders its children for a signed-in user and sends everyone else to the sign-in page. */
import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import type { Session } from "./session";
import { useSession } from "./SessionProvider";

export function RequireSession({ children }: { children: (session: Session) => ReactNode }) {
  const { session } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (session === null) router.replace("/signin/");
  }, [session, router]);
  if (!session) return <p role="status">Loading…</p>;
  return children(session);
}
