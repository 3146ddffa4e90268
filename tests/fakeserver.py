"""A fake outside service (tests/bagfake.py, tests/brpfake.py) as a real HTTP server on the loopback."""

from __future__ import annotations

import random
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar

ServerT = TypeVar("ServerT", bound=ThreadingHTTPServer)


def serve(server_class: type[ServerT], handler: type[BaseHTTPRequestHandler], *, name: str) -> ServerT:
    """A server on a free port below 32768 (outside Linux's ephemeral range, so no client port collides),
    answering in a daemon thread once this returns. Set what the handler reads on it before the first request."""
    for port in random.sample(range(20000, 32768), 50):
        try:
            server = server_class(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    else:
        raise OSError("no free port below 32768")
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=name, daemon=True).start()
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=2):
        pass
    return server
