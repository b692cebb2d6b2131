"""Infrastructure shared by every context: database, event transport, outbox and inbox, web plumbing.

It never imports a context; contexts' adapters and containers import it.
"""
