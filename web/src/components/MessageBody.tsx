/**
 * A message body, rendered from its Markdown source (ADR 0034). Only a CommonMark subset becomes
 * markup: emphasis, code spans and blocks, links, lists and block quotes. Raw HTML stays visible
 * as the text it is, images show their alt text only (so nobody's client fetches a tracking
 * pixel), headings read as plain paragraphs (a message is not a section of the page), and a link
 * is a link only when it goes to http(s) or mailto; anything else is its text.
 */
import Markdown, { type Components } from "react-markdown";
import styles from "./MessageBody.module.css";

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The URL when it is absolute and http(s) or mailto, else null: relative and script URLs lose. */
export function safeLinkUrl(url: string): string | null {
  try {
    return LINK_PROTOCOLS.has(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

const SUBSET = ["p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "br", "img", "h1", "h2", "h3", "h4", "h5", "h6"];

const Paragraph: Components["p"] = ({ children }) => <p>{children}</p>;

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => (alt ? <span>{alt}</span> : null),
  h1: Paragraph,
  h2: Paragraph,
  h3: Paragraph,
  h4: Paragraph,
  h5: Paragraph,
  h6: Paragraph,
};

export function MessageBody({ source }: { source: string }) {
  return (
    <div className={styles.body}>
      <Markdown
        allowedElements={SUBSET}
        unwrapDisallowed
        urlTransform={(url) => safeLinkUrl(url) ?? ""}
        components={components}
      >
        {source}
      </Markdown>
    </div>
  );
}
