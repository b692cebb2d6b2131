"""The realtime context: sockets, presence, typing, fan-out and resume after reconnect."""
