import { describe, expect, it } from "vitest";
import { fileSize } from "./fileSize";

describe("fileSize", () => {
  it.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1024, "1.0 kB"],
    [1536, "1.5 kB"],
    [200 * 1024, "200 kB"],
    [26214400, "25 MB"],
    [3 * 1024 ** 3, "3.0 GB"],
    [5000 * 1024 ** 3, "5000 GB"],
  ])("%d bytes read as %s", (bytes, expected) => {
    expect(fileSize(bytes)).toBe(expected);
  });
});
