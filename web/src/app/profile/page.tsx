"use client";
import { RequireSession } from "@/auth/RequireSession";
import { ProfileForm } from "@/components/ProfileForm";

export default function ProfilePage() {
  return <RequireSession>{(session) => <ProfileForm session={session} />}</RequireSession>;
}
