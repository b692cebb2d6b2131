/**
 * The files a message being written will carry. Each one uploads as soon as it is chosen,
 * pasted or dropped, so sending is quick; until then it shows its progress, and it can be
 * taken out at any point (an upload never attached is swept by the server later).
 */
import type { Upload } from "@/api/types";

export interface ComposerFile {
  /** Ours, to tell apart two files of the same name. */
  key: string;
  name: string;
  /** 0 to 1, of the bytes sent. */
  progress: number;
  upload: Upload | null;
  error: string | null;
}

export type ComposerFilesAction =
  | { type: "added"; key: string; name: string }
  | { type: "progressed"; key: string; progress: number }
  | { type: "uploaded"; key: string; upload: Upload }
  | { type: "failed"; key: string; error: string }
  | { type: "removed"; key: string }
  /** The message went with the uploaded files: they leave the composer, failed ones stay to be read. */
  | { type: "sent" };

function changed(files: ComposerFile[], key: string, change: (file: ComposerFile) => ComposerFile): ComposerFile[] {
  return files.map((file) => (file.key === key ? change(file) : file));
}

export function composerFilesReducer(files: ComposerFile[], action: ComposerFilesAction): ComposerFile[] {
  switch (action.type) {
    case "added":
      return [...files, { key: action.key, name: action.name, progress: 0, upload: null, error: null }];
    case "progressed":
      // Progress events may come after the answer; they never take a finished file back.
      return changed(files, action.key, (file) => (file.upload || file.error ? file : { ...file, progress: Math.max(file.progress, action.progress) }));
    case "uploaded":
      return changed(files, action.key, (file) => ({ ...file, progress: 1, upload: action.upload }));
    case "failed":
      return changed(files, action.key, (file) => ({ ...file, error: action.error }));
    case "removed":
      return files.filter((file) => file.key !== action.key);
    case "sent":
      return files.filter((file) => !file.upload);
  }
}

export function isUploading(file: ComposerFile): boolean {
  return !file.upload && !file.error;
}

/** What the message carries: the files uploaded so far, in the order they were added. */
export function uploaded(files: ComposerFile[]): Upload[] {
  return files.flatMap((file) => (file.upload ? [file.upload] : []));
}
