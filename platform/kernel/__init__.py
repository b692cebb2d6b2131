"""The shared kernel: the few building blocks every context's domain may use.

It holds no I/O and imports no third-party library, so a domain that depends on it stays pure.
"""
