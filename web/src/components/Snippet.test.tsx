import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Snippet } from "./Snippet";

const render = (parts: { text: string; highlighted: boolean }[]) => renderToStaticMarkup(<Snippet parts={parts} />);

describe("Snippet", () => {
  it("marks the parts that matched", () => {
    const html = render([
      { text: "lunch at ", highlighted: false },
      { text: "noon", highlighted: true },
      { text: "?", highlighted: false },
    ]);
    expect(html).toBe("<span>lunch at </span><mark>noon</mark><span>?</span>");
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</mark><b>bold</b><mark>",
    "&lt;already escaped&gt;",
  ])("shows %s as text, matched or not", (text) => {
    const html = render([
      { text, highlighted: true },
      { text, highlighted: false },
    ]);
    expect(html).not.toMatch(/<(script|img|b)\b/);
    expect(html.match(/<mark>/g)).toHaveLength(1);
    const escaped = text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
    expect(html).toBe(`<mark>${escaped}</mark><span>${escaped}</span>`);
  });
});
