import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageBody, safeLinkUrl } from "./MessageBody";

const render = (source: string) => renderToStaticMarkup(<MessageBody source={source} />);

describe("safeLinkUrl", () => {
  it.each(["https://example.com/a?b=c", "http://example.com", "mailto:ann@example.com"])("keeps %s", (url) => {
    expect(safeLinkUrl(url)).toBe(url);
  });

  it.each(["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>", "vbscript:x", "/relative", "//host/x", "file:///etc/passwd", ""])(
    "refuses %s",
    (url) => {
      expect(safeLinkUrl(url)).toBeNull();
    },
  );
});

describe("MessageBody", () => {
  it("renders the CommonMark subset", () => {
    const html = render("*em* **strong** `code`\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\nblock\n```");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<ul>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<pre><code>block\n</code></pre>");
  });

  it("opens http(s) and mailto links without handing over the page or the referrer", () => {
    const html = render("[site](https://example.com) <mailto:ann@example.com>");
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>');
    expect(html).toContain('href="mailto:ann@example.com"');
  });

  it.each([
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click][x]\n\n[x]: javascript:alert(1)",
  ])("leaves %s as text, not a link", (source) => {
    const html = render(source);
    expect(html).not.toContain("<a");
    expect(html).not.toContain("href");
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<div onclick="alert(1)">hi</div>',
    "text <b onmouseover=alert(1)>bold</b> text",
  ])("shows raw HTML %s as inert text", (source) => {
    const html = render(source);
    expect(html).not.toMatch(/<(script|img|iframe|div onclick|b |a )/i);
  });

  it("shows raw HTML as the characters that were written", () => {
    expect(render("<script>alert(1)</script>")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each(["![](http://tracker.example/pixel.gif)", "![logo](https://tracker.example/p.png)", "[![a](http://t.example/i.png)](https://example.com)", "![x][p]\n\n[p]: http://t.example/i.png"])(
    "fetches no image for %s",
    (source) => {
      const html = render(source);
      expect(html).not.toContain("<img");
      expect(html).not.toContain("t.example");
      expect(html).not.toContain("tracker");
    },
  );

  it("keeps an image's alt text", () => {
    expect(render("![the logo](https://example.com/logo.png)")).toContain("the logo");
  });

  it("renders headings as paragraphs, so a message adds no heading to the page", () => {
    const html = render("# Big\n\n## Smaller");
    expect(html).not.toMatch(/<h\d/);
    expect(html).toContain("<p>Big</p>");
  });

  it("keeps a mention's underscores as written", () => {
    expect(render("Welcome @bob_1234_abcd!")).toContain("Welcome @bob_1234_abcd!");
  });
});
