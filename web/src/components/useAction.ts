"use client";
/** Runs a user action and keeps what the screen shows about it: busy, error, field errors. */
import { useCallback, useState } from "react";
import { errorMessage, fieldErrorsOf } from "@/api/problem";

interface ActionState {
  busy: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
}

const idle: ActionState = { busy: false, error: null, fieldErrors: {} };

export function useAction() {
  const [state, setState] = useState<ActionState>(idle);
  /** Resolves to whether the action succeeded, so callers can go on (close, navigate). */
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setState({ ...idle, busy: true });
    try {
      await action();
      setState(idle);
      return true;
    } catch (error) {
      setState({ busy: false, error: errorMessage(error), fieldErrors: fieldErrorsOf(error) });
      return false;
    }
  }, []);
  return { ...state, run };
}
