/**
 * Where the socket connects: NEXT_PUBLIC_WS_URL in development (next dev cannot proxy
 * WebSockets), otherwise /ws on the page's own origin, behind whatever serves the page.
 */
export function websocketUrl(): string {
  const configured = process.env.NEXT_PUBLIC_WS_URL;
  if (configured) return configured;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/ws`;
}
