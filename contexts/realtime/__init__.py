"""The realtime context: WebSocket sessions, presence, typing, fan-out and resume after reconnect."""
