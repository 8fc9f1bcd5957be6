"""The MISP side of automatic enrichment: PyMISP for the transport, MISP's documented REST API.

Every request goes to an endpoint MISP's OpenAPI description documents: events are found with
``events/restSearch``, objects added with ``objects/add/{event}/{template uuid}``, event
reports with ``eventReports/add/{event}``, tags attached with ``events/addTag/{event}/{tag}``
after ``tags`` / ``tags/add``. Transient failures (connection errors, 5xx) are retried with
backoff a bounded number of times; a refusal (401, 403) is not.

The API key is never printed or logged: every message that leaves this module is scrubbed.
"""

from __future__ import annotations

import logging
from typing import Any

from pymisp import MISPEvent, MISPEventReport, MISPTag, PyMISP
from pymisp.exceptions import MISPServerError, PyMISPError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from misp_module.core.errors import OrklMispError

REPORT_TEMPLATE_UUID = "70a68471-df22-4e3f-aa1a-5a3be19f82df"  # misp-objects "report"


class MispError(OrklMispError):
    exit_status = 4


class _Transient(Exception):
    pass


class MispClient:
    def __init__(
        self,
        url: str,
        key: str,
        *,
        verify_tls: bool = True,
        timeout: float = 30.0,
        tries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        self.url = url.rstrip("/")
        self._key = key
        self.tries = max(1, tries)
        self.backoff = backoff
        self._tags: dict[str, int] | None = None
        # PyMISP logs server errors itself, and its debug output carries headers: our own
        # messages say what failed, so it stays quiet.
        logging.getLogger("pymisp").setLevel(logging.CRITICAL + 1)
        try:
            self.misp = self._retry(lambda: self._connect(verify_tls, timeout), "connect")
        except PyMISPError as exc:
            raise MispError(
                f"cannot connect to MISP at {self.url}: {self.scrub(str(exc))}"
            ) from None

    def _connect(self, verify_tls: bool, timeout: float) -> PyMISP:
        try:
            return PyMISP(self.url, self._key, ssl=verify_tls, timeout=timeout, tool="orkl-misp")
        except PyMISPError as exc:
            if "Unable to connect" in str(exc) or "Max retries" in str(exc):
                raise _Transient(str(exc)) from None
            raise

    def scrub(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    # --- calls ------------------------------------------------------------------------------

    def _retry(self, call, what: str):
        retrying = Retrying(
            retry=retry_if_exception_type(_Transient),
            stop=stop_after_attempt(self.tries),
            wait=wait_exponential(multiplier=self.backoff, max=30),
            reraise=True,
        )
        try:
            return retrying(call)
        except _Transient as exc:
            raise MispError(
                f"MISP {self.url}: {what}: {self.scrub(str(exc))} after {self.tries} tries"
            ) from None

    def _checked(self, what: str, call) -> Any:
        def once():
            try:
                answer = call()
            except MISPServerError:
                raise _Transient("server error (HTTP 5xx)") from None
            except (OSError, PyMISPError) as exc:  # requests' errors are OSErrors
                raise _Transient(f"no answer ({type(exc).__name__})") from None
            errors = answer.get("errors") if isinstance(answer, dict) else None
            if errors:
                status = errors[0] if isinstance(errors, (list, tuple)) and errors else None
                if isinstance(status, int) and status >= 500:
                    raise _Transient(f"server error (HTTP {status})")
                if status in (401, 403):
                    raise MispError(
                        f"MISP {self.url} refused {what} (HTTP {status}): check the API key and its "
                        "role's permissions"
                    )
                raise MispError(f"MISP {self.url}: {what} failed: {self.scrub(str(errors))[:300]}")
            return answer

        return self._retry(once, what)

    def events_since(
        self, timestamp: int, tags: list[str] | None = None, org: str | None = None
    ) -> list[MISPEvent]:
        # The body as MISP's OpenAPI description types it (PyMISP's search() sends 0/1 flags
        # and an integer timestamp, which MISP accepts but does not document).
        query: dict[str, Any] = {"returnFormat": "json", "timestamp": str(timestamp)}
        if tags:
            query["tags"] = tags
        if org:
            query["org"] = org
        answer = self._checked(
            "the event search", lambda: self.misp.direct_call("events/restSearch", query)
        )
        if isinstance(answer, dict):  # PyMISP unwraps {"response": [...]}; older ones do not
            answer = answer.get("response", [])
        events = []
        for item in answer or []:
            event = MISPEvent()
            event.load(item)
            events.append(event)
        return events

    def add_object(self, event: MISPEvent, obj: dict) -> None:
        template = obj.get("template_uuid") or REPORT_TEMPLATE_UUID
        self._checked(
            "adding the report object",
            lambda: self.misp.direct_call(f"objects/add/{event.id}/{template}", obj),
        )

    def add_event_report(self, event: MISPEvent, report: dict) -> None:
        er = MISPEventReport()
        er.from_dict(**report)
        self._checked("adding the event report", lambda: self.misp.add_event_report(event.id, er))

    def tag_event(self, event: MISPEvent, name: str) -> None:
        tag_id = self._tag_id(name)
        self._checked(
            f"tagging the event with {name}",
            lambda: self.misp.direct_call(f"events/addTag/{event.id}/{tag_id}/local:0", {}),
        )

    def _tag_id(self, name: str) -> int:
        if self._tags is None:
            answer = self._checked("listing tags", lambda: self.misp.direct_call("tags"))
            rows = answer.get("Tag", []) if isinstance(answer, dict) else answer or []
            self._tags = {t["name"]: int(t["id"]) for t in rows if "name" in t and "id" in t}
        if name not in self._tags:
            tag = MISPTag()
            tag.from_dict(name=name, exportable=True)
            created = self._checked(f"creating the tag {name}", lambda: self.misp.add_tag(tag))
            self._tags[name] = int(created["Tag"]["id"])
        return self._tags[name]
