import { describe, expect, it } from "vitest";
import { carriesFiles, filesIn, pastedFiles } from "./fileTransfer";

const picture = new File(["png"], "image.png", { type: "image/png" });
const report = new File(["pdf"], "report.pdf", { type: "application/pdf" });

describe("files from a drop or a paste", () => {
  it("knows a drag carries files before it can read them", () => {
    expect(carriesFiles({ types: ["Files"] })).toBe(true);
    expect(carriesFiles({ types: ["text/plain", "text/uri-list"] })).toBe(false);
    expect(carriesFiles(null)).toBe(false);
  });

  it("takes every file dropped", () => {
    expect(filesIn({ files: [picture, report] })).toEqual([picture, report]);
    expect(filesIn({ files: [] })).toEqual([]);
    expect(filesIn(null)).toEqual([]);
  });

  it("takes a pasted picture, and leaves a paste of text (with a picture of it) to the text box", () => {
    expect(pastedFiles({ files: [picture], types: ["Files"] })).toEqual([picture]);
    expect(pastedFiles({ files: [picture], types: ["text/plain", "text/html", "Files"] })).toEqual([]);
    expect(pastedFiles({ files: [], types: ["text/plain"] })).toEqual([]);
    expect(pastedFiles(null)).toEqual([]);
  });
});
