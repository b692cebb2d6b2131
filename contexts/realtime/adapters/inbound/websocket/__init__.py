"""`GET /ws`: the WebSocket protocol of docs/api/realtime.md, translated to and from `Socket`."""
