"use client";
import { Suspense } from "react";
import { RequireSession } from "@/auth/RequireSession";
import { AppShell } from "@/components/AppShell";
import { ChatProvider } from "@/store/ChatProvider";

export default function HomePage() {
  return (
    // useSearchParams (which conversation is open) needs a Suspense boundary in a static export.
    <Suspense fallback={<p role="status">Loading…</p>}>
      <RequireSession>
        {(session) => (
          <ChatProvider key={session.user.id} me={session.user.id}>
            <AppShell />
          </ChatProvider>
        )}
      </RequireSession>
    </Suspense>
  );
}
