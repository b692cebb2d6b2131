"""The docs tell the truth: what they point at exists, and the ADR index says what the ADRs say."""
