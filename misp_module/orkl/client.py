"""A polite client of the ORKL API (https://orkl.eu/api/v1): throttled, retried, checked.

- a descriptive User-Agent (ORKL asks for one);
- connect and read timeouts;
- a throttle, one request a second by default;
- retries on 408, 429, 5xx and connection errors, with exponential backoff that honours
  ``Retry-After``, a bounded number of tries, then a clear error;
- the envelope checked: ``status != "success"`` is an error carrying ORKL's ``message``,
  ``"data": null`` is an empty page.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from misp_module import USER_AGENT
from misp_module.core.errors import OrklMispError

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://orkl.eu/api/v1"
PAGE_SIZE = 100  # ORKL's maximum
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class OrklApiError(OrklMispError):
    exit_status = 3


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def default_api_url() -> str:
    return os.environ.get("ORKL_API_URL") or DEFAULT_API_URL


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
        max_wait: float = 60.0,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = (base_url or default_api_url()).rstrip("/")
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.tries = max(1, tries)
        self.backoff = backoff
        self.max_wait = max_wait
        self.session = session or requests.Session()
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

    def _once(self, url: str, params: dict | None) -> Any:
        self._throttle()
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise _Retryable(f"no answer ({type(exc).__name__})") from None
        if response.status_code in RETRY_STATUSES:
            raise _Retryable(f"HTTP {response.status_code}", _retry_after(response))
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

    def get(self, path: str, params: dict | None = None) -> Any:
        """The ``data`` of ``GET base_url + path``; None for 404 and for ``data: null``."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        retrying = Retrying(
            retry=retry_if_exception_type(_Retryable),
            stop=stop_after_attempt(self.tries),
            wait=self._wait,
            reraise=True,
            before_sleep=lambda s: log.info(
                "ORKL API %s: %s, try %d of %d",
                url,
                s.outcome.exception(),
                s.attempt_number,
                self.tries,
            ),
        )
        try:
            return retrying(self._once, url, params)
        except _Retryable as exc:
            raise OrklApiError(
                f"ORKL API {url}: {exc} after {self.tries} tries; giving up"
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
