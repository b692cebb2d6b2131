"use client";
import { useEffect, useId, useReducer, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage, fieldErrorsOf } from "@/api/problem";
import { composerFilesReducer, isUploading, uploaded } from "@/state/composerFiles";
import { useChat } from "@/store/ChatProvider";
import styles from "./Composer.module.css";
import { ErrorAlert } from "./ErrorAlert";
import { carriesFiles, filesIn, pastedFiles } from "./fileTransfer";
import { fileSize } from "./fileSize";

interface ComposerProps {
  conversationId: string;
  /** Replies in this thread. */
  threadRootId?: string;
  label?: string;
  placeholder?: string;
  submitLabel?: string;
}

/**
 * Writes a message, and attaches files to it: chosen with a button, pasted, or dropped on it.
 * Each file uploads at once, showing its progress, and can be taken out until the message goes.
 */
export function Composer({ conversationId, threadRootId, label = "Message", placeholder = "Write a message", submitLabel = "Send" }: ComposerProps) {
  const { commands, typing } = useChat();
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [files, changeFiles] = useReducer(composerFilesReducer, []);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const uploads = useRef(new Map<string, AbortController>());
  const uploading = files.some(isUploading);

  // Leaving the conversation stops what is still uploading: nothing would send it.
  useEffect(() => {
    const running = uploads.current;
    return () => running.forEach((upload) => upload.abort());
  }, []);

  function attach(chosen: File[]) {
    for (const file of chosen) {
      const key = crypto.randomUUID();
      const upload = new AbortController();
      uploads.current.set(key, upload);
      changeFiles({ type: "added", key, name: file.name });
      commands
        .upload(file, (progress) => changeFiles({ type: "progressed", key, progress }), upload.signal)
        .then(
          (done) => changeFiles({ type: "uploaded", key, upload: done }),
          (failure: unknown) =>
            // A refused file is explained on its `file` field (empty, corrupt) or as a whole (too large, refused type).
            upload.signal.aborted || changeFiles({ type: "failed", key, error: fieldErrorsOf(failure).file ?? errorMessage(failure) }),
        )
        .finally(() => uploads.current.delete(key));
    }
  }

  function remove(key: string) {
    uploads.current.get(key)?.abort();
    changeFiles({ type: "removed", key });
  }

  function send() {
    const attachments = uploaded(files);
    if ((!body.trim() && attachments.length === 0) || uploading) return;
    setBody("");
    changeFiles({ type: "sent" });
    setError(null);
    // Optimistic: the message shows at once as "Sending…"; a failure leaves it "Not sent" with Retry.
    commands
      .send(conversationId, body.trim() ? body : "", undefined, threadRootId, attachments)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function onDragOver(event: DragEvent<HTMLFormElement>) {
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    setDragging(true);
  }

  function onDrop(event: DragEvent<HTMLFormElement>) {
    setDragging(false);
    const dropped = filesIn(event.dataTransfer);
    if (dropped.length === 0) return;
    event.preventDefault();
    attach(dropped);
  }

  return (
    <form
      className={styles.composer}
      onSubmit={onSubmit}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-dragging={dragging || undefined}
    >
      <ErrorAlert message={error} />
      {files.length > 0 && (
        <ul className={styles.files} aria-label="Files to send">
          {files.map((file) => (
            <li key={file.key} className={styles.file}>
              <span className={styles.name}>{file.name}</span>
              {isUploading(file) && <progress max={1} value={file.progress} aria-label={`Uploading ${file.name}`} />}
              {file.upload && <span className={styles.size}>{fileSize(file.upload.size)}</span>}
              <button type="button" onClick={() => remove(file.key)} aria-label={`Remove ${file.name}`}>
                ×
              </button>
              <ErrorAlert message={file.error && `${file.name}: ${file.error}`} />
            </li>
          ))}
        </ul>
      )}
      <div className={styles.row}>
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <textarea
          id={id}
          rows={2}
          value={body}
          placeholder={placeholder}
          onChange={(event) => {
            setBody(event.target.value);
            if (event.target.value) typing(conversationId);
          }}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            const pasted = pastedFiles(event.clipboardData);
            if (pasted.length === 0) return;
            event.preventDefault();
            attach(pasted);
          }}
        />
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            attach(Array.from(event.target.files ?? []));
            event.target.value = ""; // The same file may be chosen again.
          }}
        />
        <button type="button" onClick={() => picker.current?.click()}>
          Attach files
        </button>
        <button type="submit" disabled={uploading}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
