"""Contract suites: every adapter of a port is held to the same promises, against real servers."""
