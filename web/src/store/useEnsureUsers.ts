"use client";
/** Fetches the users a screen names (senders, participants, actors) unless already known. */
import { useEffect } from "react";
import { useChat } from "./ChatProvider";

export function useEnsureUsers(ids: string[]): void {
  const { commands } = useChat();
  // A joined key keeps the effect from re-running for an equal list built anew each render.
  const key = [...new Set(ids)].sort().join(",");
  useEffect(() => {
    if (key) void commands.ensureUsers(key.split(","));
  }, [commands, key]);
}
