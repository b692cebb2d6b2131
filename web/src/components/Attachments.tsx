"use client";
/**
 * The files a message carries: images inline as previews, anything else as a download with its
 * name and size. Files are readable with the session's token only, which neither <img src> nor
 * a plain link can send, so each is fetched as a blob and shown through an object URL, revoked
 * once it is no longer shown.
 */
import { useEffect, useState } from "react";
import { errorMessage } from "@/api/problem";
import type { Attachment } from "@/api/types";
import { useChat } from "@/store/ChatProvider";
import styles from "./Attachments.module.css";
import { ErrorAlert } from "./ErrorAlert";
import { fileSize } from "./fileSize";
import { useAction } from "./useAction";

/** The types the server serves inline (docs/api/README.md), and so the ones shown as pictures. */
const INLINE_IMAGES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
/** A thumbnail's longer side at most, as the server makes them. */
const PREVIEW_PX = 320;
/** Long enough for the browser to have taken the file it was handed. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

export function isInlineImage(attachment: Attachment): boolean {
  return INLINE_IMAGES.includes(attachment.content_type);
}

/** The preview's size, for the space it takes before it loads: the image's, shrunk to fit. */
function previewSize({ width, height }: Attachment): { width: number; height: number } | undefined {
  if (!width || !height) return undefined;
  const scale = Math.min(1, PREVIEW_PX / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function ImagePreview({ attachment }: { attachment: Attachment }) {
  const { commands } = useChat();
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const size = previewSize(attachment);

  useEffect(() => {
    let shown = true;
    let url: string | null = null;
    // No thumbnail (not made yet): the image itself, which the browser scales down.
    commands
      .file(attachment.id, true)
      .then((thumbnail) => thumbnail ?? commands.file(attachment.id))
      .then(
        (blob) => {
          if (!shown || !blob) return;
          url = URL.createObjectURL(blob);
          setSrc(url);
        },
        (failure: unknown) => shown && setError(errorMessage(failure)),
      );
    return () => {
      shown = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [commands, attachment.id]);

  if (error) return <ErrorAlert message={`${attachment.filename}: ${error}`} />;
  if (!src) {
    return (
      <span className={styles.placeholder} style={size} role="status">
        Loading {attachment.filename}…
      </span>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- an object URL, which next/image cannot optimise
  return <img className={styles.image} src={src} alt={attachment.filename} {...size} />;
}

function Download({ attachment }: { attachment: Attachment }) {
  const { commands } = useChat();
  const action = useAction();

  async function download() {
    const blob = await commands.file(attachment.id);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = attachment.filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }

  return (
    <>
      <button type="button" className={styles.file} onClick={() => void action.run(download)} aria-busy={action.busy}>
        <span className={styles.name}>{attachment.filename}</span> <span className={styles.size}>({fileSize(attachment.size)})</span>
      </button>
      <ErrorAlert message={action.error} />
    </>
  );
}

export function Attachments({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className={styles.attachments} aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>{isInlineImage(attachment) ? <ImagePreview attachment={attachment} /> : <Download attachment={attachment} />}</li>
      ))}
    </ul>
  );
}

/** A message's files by name only, while it is being sent. */
export function AttachmentNames({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className={styles.attachments} aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id} className={styles.size}>
          {attachment.filename} ({fileSize(attachment.size)})
        </li>
      ))}
    </ul>
  );
}
