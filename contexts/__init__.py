"""The bounded contexts. Each imports another only through that context's `contracts` package."""
