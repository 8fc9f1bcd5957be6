"""The misp-modules module, composed: the expansion handler (misp/) finding entries through
the local library and the ORKL API (orkl/).

The shim misp-modules loads (``modules/expansion/orkl_attribution.py``) re-exports what is
here. Like the CLI, this is where the adapters meet; they never import each other.
"""

from __future__ import annotations

import threading

from misp_module.core.entry import OrklEntry
from misp_module.misp import expansion
from misp_module.misp.expansion import (  # noqa: F401  (the misp-modules interface)
    introspection,
    mispattributes,
    moduleconfig,
    moduleinfo,
    version,
)

_lock = threading.Lock()
_clients: dict[tuple, object] = {}


def _client(s: expansion.Settings):
    from misp_module.orkl.client import OrklClient

    key = (s.api_url, s.timeout)
    with _lock:
        if key not in _clients and len(_clients) >= 8:
            _clients.clear()  # a few (api_url, timeout) pairs at most: requests may vary them
        if key not in _clients:
            # Two tries at most: MISP gives the whole enrichment 10 seconds. Analysts enrich one
            # attribute at a time, so the throttle allows short bursts (5 a second) without
            # queueing a busy server's queries past MISP's timeout.
            _clients[key] = OrklClient(
                s.api_url,
                rate=5.0,
                timeout=(min(3.0, s.timeout), s.timeout),
                tries=2,
                backoff=0.5,
                max_wait=1.0,
                deadline=s.timeout,  # the whole request, so a trickling server cannot hold MISP
            )
        return _clients[key]


def find_entry(value: str, s: expansion.Settings) -> tuple[OrklEntry | None, str]:
    """The entry for an attribute's value: the library, the bundled example, then ORKL's API."""
    from misp_module.orkl.lookup import find_entry as lookup
    from misp_module.orkl.lookup import held_library

    with held_library(s.library) as library:
        client = None if s.offline else _client(s)
        return lookup(value, library=library, client=client)


def enrich_request(request: dict) -> dict:
    return expansion.enrich_request(request, find_entry)


def handler(q=False):
    return expansion.handle(q, find_entry)
