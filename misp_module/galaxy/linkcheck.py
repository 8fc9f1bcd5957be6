"""Which refs still answer: HEAD requests, only on request, bounded and polite.

- only the refs' own URLs are requested, so only the hosts the refs name; redirects are not
  followed (a 3xx is reported as moved, with its Location), so no other host is contacted;
- one HEAD per distinct URL, at most ``max_requests`` in a run (the rest: not checked);
- per host, one request at a time and at least ``per_host_interval`` seconds between two;
  different hosts are checked in parallel by a few workers;
- a timeout per request, a User-Agent that names the project and the purpose.

A ref "no longer answers" when the server says the page is gone (404, 410) or the host cannot
be reached (DNS, connection refused, timeout). Refusals (401, 403, 429), server errors and
HEAD not being allowed (405, 501) mean the host answers: reported, not counted as dead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from misp_module import USER_AGENT

DEAD = frozenset({"gone", "unreachable"})
LINK_CHECK_AGENT = f"{USER_AGENT} link check of misp-galaxy refs"


@dataclass(frozen=True)
class LinkStatus:
    url: str
    status: str  # ok, moved, gone, refused, no-head, error, unreachable, not-checked, not-http
    code: int | None = None
    detail: str = ""

    @property
    def dead(self) -> bool:
        return self.status in DEAD

    def label(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"{self.status}{code}" + (f" ({self.detail})" if self.detail else "")


def _classify(url: str, response: requests.Response) -> LinkStatus:
    code = response.status_code
    if 200 <= code < 300:
        return LinkStatus(url, "ok", code)
    if 300 <= code < 400:
        return LinkStatus(url, "moved", code, response.headers.get("Location", "")[:300])
    if code in (404, 410):
        return LinkStatus(url, "gone", code)
    if code in (401, 403, 429):
        return LinkStatus(url, "refused", code)
    if code in (405, 501):
        return LinkStatus(url, "no-head", code)
    return LinkStatus(url, "error", code)


def host_key(url: str) -> str | None:
    """The host (and port) a URL is requested from; None when it is not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower() + (f":{port}" if port else "")


class LinkChecker:
    def __init__(
        self,
        *,
        per_host_interval: float = 2.0,
        timeout: float = 10.0,
        max_requests: int = 1000,
        workers: int = 4,
        user_agent: str = LINK_CHECK_AGENT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_host_interval = per_host_interval
        self.timeout = timeout
        self.max_requests = max_requests
        self.workers = max(1, workers)
        self.user_agent = user_agent
        self.clock = clock
        self.sleep = sleep
        self._local = threading.local()
        self.requests_made = 0

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = self._local.session = requests.Session()
            s.headers["User-Agent"] = self.user_agent
            s.trust_env = False  # no proxy or netrc from the environment decides where we go
        return s

    def _head(self, url: str) -> LinkStatus:
        try:
            response = self._session().head(url, allow_redirects=False, timeout=self.timeout)
        except requests.Timeout:
            return LinkStatus(url, "unreachable", None, "timeout")
        except requests.RequestException as exc:
            return LinkStatus(url, "unreachable", None, type(exc).__name__)
        response.close()
        return _classify(url, response)

    def _check_host(self, urls: list[str]) -> list[LinkStatus]:
        out = []
        last = None
        for url in urls:
            if last is not None:
                wait = self.per_host_interval - (self.clock() - last)
                if wait > 0:
                    self.sleep(wait)
            last = self.clock()
            out.append(self._head(url))
        return out

    def check(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        """The status of each distinct URL; past ``max_requests``, 'not-checked'."""
        results: dict[str, LinkStatus] = {}
        by_host: dict[str, list[str]] = {}
        budget = self.max_requests
        for url in dict.fromkeys(urls):
            host = host_key(url)
            if host is None:
                results[url] = LinkStatus(url, "not-http")
            elif budget <= 0:
                results[url] = LinkStatus(url, "not-checked", None, "request budget spent")
            else:
                budget -= 1
                by_host.setdefault(host, []).append(url)
        self.requests_made += sum(len(u) for u in by_host.values())
        with ThreadPoolExecutor(self.workers) as pool:
            for statuses in pool.map(self._check_host, by_host.values()):
                for s in statuses:
                    results[s.url] = s
        return results
