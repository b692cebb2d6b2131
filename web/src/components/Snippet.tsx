/**
 * A search result's excerpt: the parts that matched are marked. Every part is a text node, so a
 * message's text shows as the characters it is, never as markup, whatever it contains.
 */
import type { SnippetPart } from "@/api/types";

export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) => (part.highlighted ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
