"""A polite client of the ORKL API (https://orkl.eu/api/v1): throttled, retried, checked.

- a descriptive User-Agent (ORKL asks for one);
- connect and read timeouts, and a total deadline per request (connect + whole body), so a
  server that trickles bytes cannot hold a command for ever;
- a throttle, one request a second by default;
- retries on 408, 429, 5xx, timeouts and cut connections, with exponential backoff, a bounded
  number of tries, then a clear error; ``Retry-After`` honoured up to ``max_wait`` seconds,
  beyond which the client stops at once and says when to come back;
- no retry where a retry cannot help: a host name that does not resolve, a refused connection,
  a URL that is not one; the error says which it was;
- the envelope checked: ``status != "success"`` is an error carrying ORKL's ``message``,
  ``"data": null`` is an empty page;
- redirects followed only on the same host, http(s) only, a few at most: a server that
  answers with a redirect cannot send this client to another host (or into the network
  behind it).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import requests
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
)

from misp_module import USER_AGENT
from misp_module.core.errors import OrklMispError
from misp_module.orkl.deadline import DeadlineAdapter, deadline

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://orkl.eu/api/v1"
PAGE_SIZE = 100  # ORKL's maximum
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# The total time one request may take, connect to last byte of the body. A page of 100 entries
# with their texts is a few MB: seconds on any working link.
DEFAULT_DEADLINE = 60.0
# The longest wait before a retry, Retry-After included. ORKL asking for longer means "come back
# later": waiting an hour inside one command helps nobody, hammering helps less.
DEFAULT_MAX_WAIT = 300.0
# No new try starts this long after the first one, unless ORKL asked for the wait (Retry-After):
# an API that does not answer ends a command in bounded time whatever --tries says.
RETRY_FOR = 120.0
MAX_REDIRECTS = 3


class OrklApiError(OrklMispError):
    exit_status = 3


class OrklUnavailable(OrklApiError):
    """ORKL cannot be reached or will not answer now: no other request of the command will
    fare better, so none is tried (a sync does not go on after its count probe failed)."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def default_api_url() -> str:
    return os.environ.get("ORKL_API_URL") or DEFAULT_API_URL


def _network_failure(url: str, exc: requests.RequestException) -> str | None:
    """Words for a failure no retry can cure (name not resolved, connection refused), else None."""
    host = urlsplit(url).hostname or url
    seen, cause = set(), exc
    while cause is not None and id(cause) not in seen:  # walk requests -> urllib3 -> socket
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return f"the host name {host!r} does not resolve ({cause.strerror or cause})"
        if isinstance(cause, ConnectionRefusedError):
            parts = urlsplit(url)
            port = parts.port or (80 if parts.scheme == "http" else 443)
            return f"connection refused by {host}:{port}"
        reason = getattr(cause, "reason", None)
        nxt = cause.__cause__ or cause.__context__
        if nxt is None and isinstance(reason, BaseException):
            nxt = reason
        if nxt is None and cause.args and isinstance(cause.args[0], BaseException):
            nxt = cause.args[0]
        cause = nxt
    return None


def _same_origin(origin: SplitResult, target: SplitResult) -> bool:
    """Same scheme, host and port; or http upgraded to https on the same host's default port."""
    try:
        ports = {"http": 80, "https": 443}
        here = (origin.scheme, origin.hostname, origin.port or ports.get(origin.scheme))
        there = (target.scheme, target.hostname, target.port or ports.get(target.scheme))
    except ValueError:  # a port that is not a number
        return False
    if target.scheme not in ports or not target.hostname:
        return False
    return here == there or (here == ("http", target.hostname, 80) and there[::2] == ("https", 443))


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class OrklClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        rate: float = 1.0,
        timeout: tuple[float, float] = (5.0, 30.0),
        tries: int = 5,
        backoff: float = 1.0,
        max_wait: float = DEFAULT_MAX_WAIT,
        deadline: float | None = DEFAULT_DEADLINE,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = (base_url or default_api_url()).rstrip("/")
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.tries = max(1, tries)
        self.backoff = backoff
        self.max_wait = max_wait
        self.deadline = deadline
        self.session = session or requests.Session()
        if session is None:
            adapter = DeadlineAdapter()
            self.session.mount("http://", adapter)
            self.session.mount("https://", adapter)
        self.session.max_redirects = MAX_REDIRECTS
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        self._last = 0.0
        self._lock = threading.Lock()

    # --- transport ------------------------------------------------------------------------

    def _throttle(self) -> None:
        with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, self.max_wait)
        return min(self.backoff * 2 ** (state.attempt_number - 1), self.max_wait)

    def _out_of_time(self, state: RetryCallState) -> bool:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return False  # ORKL said when; the wait is bounded by max_wait
        return stop_after_delay(RETRY_FOR)(state)

    def _once(self, url: str, params: dict | None) -> Any:
        self._throttle()
        try:
            with deadline(self.deadline) as limit:
                response = self._get_following(url, params)
                response.content  # the whole body, under the deadline  # noqa: B018
        except requests.RequestException as exc:
            if limit is not None and limit.hit:
                # Not retried: a server that trickles bytes will do so again.
                raise OrklUnavailable(
                    f"ORKL API {url}: no complete answer within {self.deadline:g} s "
                    "(the server sends too slowly); giving up"
                ) from None
            raise self._transport_error(url, exc) from None
        if response.status_code in RETRY_STATUSES:
            wait = _retry_after(response)
            if wait is not None and wait > self.max_wait:
                back = datetime.now(timezone.utc) + timedelta(seconds=wait)
                raise OrklUnavailable(
                    f"ORKL API {url}: HTTP {response.status_code}, ORKL asks to wait {wait:.0f} s "
                    f"(Retry-After), longer than the {self.max_wait:g} s this command waits; "
                    f"stopped: come back after {back:%Y-%m-%d %H:%M} UTC"
                )
            raise _Retryable(f"HTTP {response.status_code}", wait)
        if response.status_code == 404:
            return None
        try:
            body = response.json()
        except ValueError:
            raise OrklApiError(
                f"ORKL API {url}: HTTP {response.status_code}, the answer is not JSON"
            ) from None
        message = body.get("message") if isinstance(body, dict) else None
        if response.status_code >= 400:
            raise OrklApiError(
                f"ORKL API {url}: HTTP {response.status_code}: {message or 'no message'}"
            )
        if not isinstance(body, dict) or "data" not in body:
            raise OrklApiError(f"ORKL API {url}: the answer is not an ORKL envelope")
        if body.get("status") != "success":
            raise OrklApiError(
                f"ORKL API {url}: status {body.get('status')!r}: {message or 'no message'}"
            )
        return body["data"]

    def _transport_error(self, url: str, exc: requests.RequestException) -> Exception:
        """The error to raise for a failed request: retryable, or final with its cause named."""
        if isinstance(
            exc,
            (
                requests.exceptions.InvalidURL,
                requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema,
            ),
        ):
            return OrklUnavailable(f"ORKL API {url}: not a usable URL ({exc}); check --api-url")
        final = _network_failure(url, exc)
        if final:
            return OrklUnavailable(f"ORKL API {url}: {final}; not retried")
        if isinstance(exc, requests.Timeout):
            return _Retryable(f"no answer ({type(exc).__name__})")
        if isinstance(
            exc,
            (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError),
        ):
            return _Retryable("the answer was cut short")
        if isinstance(exc, requests.ConnectionError):
            return _Retryable(f"no answer ({type(exc).__name__})")
        return OrklApiError(f"ORKL API {url}: the request failed ({type(exc).__name__}: {exc})")

    def _get_following(self, url: str, params: dict | None) -> requests.Response:
        """GET ``url``, following redirects only to the same scheme family and host."""
        origin = urlsplit(url)
        for _ in range(MAX_REDIRECTS + 1):
            response = self.session.get(
                url, params=params, timeout=self.timeout, allow_redirects=False
            )
            if not response.is_redirect:
                return response
            target = urlsplit(urljoin(url, response.headers.get("Location", "")))
            response.close()
            if not _same_origin(origin, target):
                raise OrklApiError(
                    f"ORKL API {url}: redirected to another host or scheme "
                    f"({target.scheme}://{target.netloc}); not followed"
                )
            url, params = target.geturl(), None
        raise OrklApiError(f"ORKL API: more than {MAX_REDIRECTS} redirects; not followed")

    def get(self, path: str, params: dict | None = None) -> Any:
        """The ``data`` of ``GET base_url + path``; None for 404 and for ``data: null``."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        retrying = Retrying(
            retry=retry_if_exception_type(_Retryable),
            stop=stop_after_attempt(self.tries) | self._out_of_time,
            wait=self._wait,
            reraise=True,
            before_sleep=lambda s: log.log(
                logging.WARNING if s.upcoming_sleep >= 5 else logging.INFO,
                "ORKL API %s: %s, try %d of %d; waiting %.0f s",
                url,
                s.outcome.exception(),
                s.attempt_number,
                self.tries,
                s.upcoming_sleep,
            ),
        )
        try:
            return retrying(self._once, url, params)
        except _Retryable as exc:
            tried = retrying.statistics.get("attempt_number", self.tries)
            raise OrklUnavailable(
                f"ORKL API {url}: {exc} after {tried} tr{'ies' if tried > 1 else 'y'}; giving up"
            ) from None

    # --- endpoints ----------------------------------------------------------------------

    def entries(
        self,
        *,
        limit: int = PAGE_SIZE,
        offset: int = 0,
        order_by: str = "updated_at",
        order: str = "desc",
    ) -> list[dict]:
        data = self.get(
            "library/entries",
            {"limit": limit, "offset": offset, "order_by": order_by, "order": order},
        )
        if data is None:
            return []
        if not isinstance(data, list):
            raise OrklApiError("ORKL API library/entries: data is not a list of entries")
        return data

    def entry(self, entry_id: str) -> dict | None:
        return self.get(f"library/entry/{entry_id}")

    def entry_by_sha1(self, sha1: str) -> dict | None:
        return self.get(f"library/entry/sha1/{sha1}")

    def info(self) -> dict:
        return self.get("library/info") or {}
