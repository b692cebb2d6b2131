import { describe, expect, it } from "vitest";
import type { Upload } from "@/api/types";
import { composerFilesReducer, isUploading, uploaded, type ComposerFile, type ComposerFilesAction } from "./composerFiles";

const upload = (id: string): Upload => ({ id, filename: `${id}.png`, content_type: "image/png", size: 10, width: 1, height: 1 });
const run = (...actions: ComposerFilesAction[]) => actions.reduce(composerFilesReducer, [] as ComposerFile[]);

describe("the files of a message being written", () => {
  it("shows each file's progress until it is uploaded, in the order they were added", () => {
    let files = run({ type: "added", key: "a", name: "a.png" }, { type: "added", key: "b", name: "b.pdf" });
    expect(files.map((file) => [file.name, file.progress])).toEqual([
      ["a.png", 0],
      ["b.pdf", 0],
    ]);
    files = composerFilesReducer(files, { type: "progressed", key: "b", progress: 0.5 });
    expect(files.map((file) => file.progress)).toEqual([0, 0.5]);
    expect(files.every(isUploading)).toBe(true);

    files = composerFilesReducer(files, { type: "uploaded", key: "b", upload: upload("u2") });
    files = composerFilesReducer(files, { type: "uploaded", key: "a", upload: upload("u1") });
    expect(files.some(isUploading)).toBe(false);
    expect(uploaded(files).map((done) => done.id)).toEqual(["u1", "u2"]);
  });

  it("never takes progress back, nor a finished file", () => {
    let files = run({ type: "added", key: "a", name: "a" }, { type: "progressed", key: "a", progress: 0.8 }, { type: "progressed", key: "a", progress: 0.3 });
    expect(files[0].progress).toBe(0.8);
    files = composerFilesReducer(files, { type: "uploaded", key: "a", upload: upload("u1") });
    files = composerFilesReducer(files, { type: "progressed", key: "a", progress: 0.9 });
    expect(files[0].progress).toBe(1);
  });

  it("keeps a failed upload with its reason, out of what is sent and no longer uploading", () => {
    const files = run({ type: "added", key: "a", name: "huge.bin" }, { type: "failed", key: "a", error: "That is too large." });
    expect(files[0].error).toBe("That is too large.");
    expect(isUploading(files[0])).toBe(false);
    expect(uploaded(files)).toEqual([]);
  });

  it("takes a file out whether it is uploading or uploaded", () => {
    const files = run(
      { type: "added", key: "a", name: "a" },
      { type: "added", key: "b", name: "b" },
      { type: "uploaded", key: "b", upload: upload("u2") },
      { type: "removed", key: "a" },
      { type: "removed", key: "b" },
    );
    expect(files).toEqual([]);
  });

  it("lets the uploaded files go with the message and keeps failed ones to be read", () => {
    const files = run(
      { type: "added", key: "a", name: "a" },
      { type: "added", key: "b", name: "b" },
      { type: "uploaded", key: "a", upload: upload("u1") },
      { type: "failed", key: "b", error: "Not allowed" },
      { type: "sent" },
    );
    expect(files.map((file) => file.key)).toEqual(["b"]);
  });
});
