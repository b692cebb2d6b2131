"use client";
/** The profile's choice of who may add the user to groups, saved as soon as it changes. */
import { useEffect, useState } from "react";
import type { Api } from "@/api/client";
import { chooseWhoCanAddMe, loadWhoCanAddMe, WHO_CAN_ADD_ME, type WhoCanAddMe } from "@/api/groupSettings";
import { ErrorAlert } from "./ErrorAlert";
import styles from "./Forms.module.css";
import { useAction } from "./useAction";

export function WhoCanAddMeForm({ api }: { api: Api }) {
  const [choice, setChoice] = useState<WhoCanAddMe | null>(null);
  const [saved, setSaved] = useState(false);
  const load = useAction();
  const save = useAction();
  const { run: runLoad } = load;

  useEffect(() => {
    void runLoad(async () => setChoice(await loadWhoCanAddMe(api)));
  }, [api, runLoad]);

  async function choose(next: WhoCanAddMe) {
    const before = choice;
    setSaved(false);
    setChoice(next);
    const done = await save.run(async () => setChoice(await chooseWhoCanAddMe(api, next)));
    // A refused choice leaves the one the server still keeps on screen.
    if (!done) setChoice(before);
    setSaved(done);
  }

  return (
    <div className={styles.form}>
      <fieldset className={styles.choices} disabled={choice === null || save.busy}>
        <legend>Who can add me to groups</legend>
        {WHO_CAN_ADD_ME.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name="who_can_add_me"
              value={option.value}
              checked={choice === option.value}
              onChange={() => void choose(option.value)}
            />{" "}
            {option.label}
          </label>
        ))}
      </fieldset>
      <ErrorAlert message={save.error ?? load.error} />
      <p role="status">{saved ? "Saved" : choice === null && !load.error ? "Loading…" : ""}</p>
    </div>
  );
}
