"""The Prometheus metrics on a listener of their own, beside the API's, so that the API's port can
face the public while the scraper reaches the metrics on a port that does not.

prometheus_client's own server answers them, in a thread of its own: a scrape waits for nothing on
the API's event loop, and the API's middleware never counts it as a request.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import start_http_server


@asynccontextmanager
async def metrics_listener(host: str, port: int) -> AsyncIterator[None]:
    """Answer the metrics on `host:port` until the block ends, then close the port."""
    server, thread = start_http_server(port, host)
    try:
        yield
    finally:
        # shutdown() waits for the serving loop's next poll: a blocking wait, off the event loop.
        await asyncio.to_thread(server.shutdown)
        server.server_close()
        thread.join()
