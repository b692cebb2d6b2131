/** The files of a paste or a drop; what else is dragged or pasted (text, links) is not ours to take. */

interface TransferLike {
  readonly files: ArrayLike<File>;
  readonly types: readonly string[];
}

/** Whether a drag carries files, before they can be read (only `types` is readable during a drag). */
export function carriesFiles(transfer: Pick<TransferLike, "types"> | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes("Files");
}

export function filesIn(transfer: Pick<TransferLike, "files"> | null): File[] {
  return transfer ? Array.from(transfer.files) : [];
}

/**
 * The files of a paste. Some programs put a picture of copied text on the clipboard beside the
 * text itself (spreadsheets, word processors): then the text is what was meant.
 */
export function pastedFiles(clipboard: TransferLike | null): File[] {
  if (!clipboard || Array.from(clipboard.types).includes("text/plain")) return [];
  return filesIn(clipboard);
}
