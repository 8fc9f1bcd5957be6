"""The MISP side of automatic enrichment: PyMISP for the transport, MISP's documented REST API.

Every request goes to an endpoint MISP's OpenAPI description documents: events are found with
``events/restSearch``, objects added with ``objects/add/{event}/{template uuid}``, event
reports with ``eventReports/add/{event}``, tags attached with ``events/addTag/{event}/{tag}``
after ``tags`` / ``tags/add``, and an object's references with ``objectReferences/add/{object}``
(``objects/add`` ignores them: app/Controller/ObjectsController.php:189-287). Transient failures
(connection errors, 5xx, an answer that is not JSON) are retried with backoff a bounded number of
times; a refusal is not, and is reported with MISP's own message: MISP answers every failed save
with HTTP 403 (app/Controller/Component/RestResponseComponent.php:500-523), so a 403 is as often
"this uuid is already used" or "not your organisation's event" as a key without the right role.

A write counts as done only when MISP answers with JSON of the shape it uses for success.

The API key, and a user:password given inside the URL, are never printed or logged: every
message that leaves this module is scrubbed, and the URL is shown without them.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from pymisp import MISPEvent, MISPEventReport, MISPTag, PyMISP
from pymisp.exceptions import MISPServerError, PyMISPError, PyMISPUnexpectedResponse
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from misp_module.core.errors import OrklMispError

REPORT_TEMPLATE_UUID = "70a68471-df22-4e3f-aa1a-5a3be19f82df"  # misp-objects "report"


class MispError(OrklMispError):
    exit_status = 4


class MispRefused(MispError):
    """MISP refused a write to one event: that event is recorded and the pass goes on."""


class _Transient(Exception):
    pass


def _without_credentials(url: str) -> tuple[str, list[str]]:
    """The URL as it may be shown, and the secrets (user:password) it carried."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<the MISP URL>", [url]
    if "@" not in parts.netloc:
        return url, []
    userinfo, host = parts.netloc.rsplit("@", 1)
    secrets = [userinfo, unquote(userinfo)]
    secrets += [x for x in unquote(userinfo).split(":", 1) if len(x) >= 3]
    return urlunsplit(parts._replace(netloc=f"***@{host}")), secrets


def misp_message(answer: object) -> str:
    """What MISP said in a refusal: its message and errors, as one line."""
    if isinstance(answer, dict):
        parts = [str(answer.get(k)) for k in ("message", "errors") if answer.get(k)]
        if not parts and answer.get("name"):
            parts = [str(answer["name"])]
        text = ": ".join(dict.fromkeys(parts)) if parts else str(answer)
    else:
        text = str(answer)
    return " ".join(text.split())[:400]


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
        self._real_url = url.rstrip("/")
        self.url, self._secrets = _without_credentials(self._real_url)
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
            return PyMISP(
                self._real_url, self._key, ssl=verify_tls, timeout=timeout, tool="orkl-misp"
            )
        except PyMISPError as exc:
            if "Unable to connect" in str(exc) or "Max retries" in str(exc):
                raise _Transient(str(exc)) from None
            raise

    def scrub(self, text: str) -> str:
        text = text.replace(self._real_url, self.url)
        for secret in sorted([self._key, *self._secrets], key=len, reverse=True):
            if secret:
                text = text.replace(secret, "***")
        return text

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

    def _checked(self, what: str, call, shape=None) -> Any:
        """``call``'s answer, once it has MISP's JSON shape for success (``shape(answer)``)."""

        def once():
            try:
                answer = call()
            except MISPServerError:
                raise _Transient("server error (HTTP 5xx)") from None
            except PyMISPUnexpectedResponse:
                # HTTP 200 with a body that is not JSON: a login page, a proxy's error page.
                raise _Transient("an answer that is not MISP's JSON (an HTML page?)") from None
            except (OSError, PyMISPError) as exc:  # requests' errors are OSErrors
                raise _Transient(f"no answer ({type(exc).__name__})") from None
            if isinstance(answer, str):  # PyMISP's direct_call hands back a body it cannot parse
                raise _Transient("an answer that is not MISP's JSON (an HTML page?)")
            errors = answer.get("errors") if isinstance(answer, dict) else None
            if errors and not (isinstance(answer, dict) and answer.get("saved") is False):
                status = errors[0] if isinstance(errors, (list, tuple)) and errors else None
                said = misp_message(errors[1] if isinstance(status, int) else errors)
                if isinstance(status, int) and status >= 500:
                    raise _Transient(f"server error (HTTP {status})")
                if said.startswith("Authentication failed"):
                    raise MispError(
                        f"MISP {self.url} refused {what} (HTTP {status}): {said}; check the API key"
                    )
                if isinstance(status, int) and status in (403, 404, 405):
                    raise MispRefused(f"MISP refused {what} (HTTP {status}): {self.scrub(said)}")
                raise MispError(f"MISP {self.url}: {what} failed: {self.scrub(said)[:300]}")
            if isinstance(answer, dict) and answer.get("saved") is False:
                # Some refusals come as HTTP 200 (EventsController.php:3855-3856).
                raise MispRefused(f"MISP refused {what}: {self.scrub(misp_message(answer))}")
            if shape is not None and not shape(answer):
                raise MispError(
                    f"MISP {self.url}: {what}: the answer is not what MISP sends when it has "
                    f"saved ({self.scrub(str(answer))[:200]}); nothing is counted as written"
                )
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
            "the event search",
            lambda: self.misp.direct_call("events/restSearch", query),
            shape=lambda a: isinstance(a, list) or (isinstance(a, dict) and "response" in a),
        )
        if isinstance(answer, dict):  # PyMISP unwraps {"response": [...]}; older ones do not
            answer = answer.get("response", [])
        events = []
        for item in answer or []:
            event = MISPEvent()
            event.load(item)
            events.append(event)
        return events

    def get_event(self, event_id: str | int) -> MISPEvent:
        answer = self._checked(
            f"reading event {event_id}",
            lambda: self.misp.direct_call(f"events/view/{event_id}"),
            shape=lambda a: isinstance(a, dict) and isinstance(a.get("Event"), dict),
        )
        event = MISPEvent()
        event.load(answer)
        return event

    def add_object(self, event: MISPEvent, obj: dict) -> str:
        """Saves the object (its references apart: objects/add ignores them); its MISP id."""
        template = obj.get("template_uuid") or REPORT_TEMPLATE_UUID
        body = {k: v for k, v in obj.items() if k != "ObjectReference"}
        answer = self._checked(
            "adding the report object",
            lambda: self.misp.direct_call(f"objects/add/{event.id}/{template}", body),
            shape=lambda a: _has_id(a, "Object"),
        )
        return str(answer["Object"]["id"])

    def add_reference(self, object_id: str, reference: dict) -> None:
        body = {
            "referenced_uuid": reference["referenced_uuid"],
            "relationship_type": reference["relationship_type"],
        }
        self._checked(
            f"adding the {reference['relationship_type']} reference",
            lambda: self.misp.direct_call(f"objectReferences/add/{object_id}", body),
            shape=lambda a: _has_id(a, "ObjectReference"),
        )

    def add_event_report(self, event: MISPEvent, report: dict) -> None:
        er = MISPEventReport()
        er.from_dict(**report)
        self._checked(
            "adding the event report",
            lambda: self.misp.add_event_report(event.id, er),
            shape=lambda a: _has_id(a, "EventReport"),
        )

    def tag_event(self, event: MISPEvent, name: str) -> None:
        tag_id = self._tag_id(name)
        try:
            self._checked(
                f"tagging the event with {name}",
                lambda: self.misp.direct_call(f"events/addTag/{event.id}/{tag_id}/local:0", {}),
                shape=lambda a: isinstance(a, dict) and a.get("saved") is True,
            )
        except MispRefused as exc:
            if "already attached" not in str(exc):
                raise

    def _tag_id(self, name: str) -> int:
        if self._tags is None:
            answer = self._checked(
                "listing tags",
                lambda: self.misp.direct_call("tags"),
                shape=lambda a: isinstance(a, (dict, list)),
            )
            rows = answer.get("Tag", []) if isinstance(answer, dict) else answer or []
            self._tags = {t["name"]: int(t["id"]) for t in rows if "name" in t and "id" in t}
        if name not in self._tags:
            tag = MISPTag()
            tag.from_dict(name=name, exportable=True)
            created = self._checked(
                f"creating the tag {name}",
                lambda: self.misp.add_tag(tag),
                shape=lambda a: _has_id(a, "Tag"),
            )
            self._tags[name] = int(created["Tag"]["id"])
        return self._tags[name]


def _has_id(answer: object, key: str) -> bool:
    return (
        isinstance(answer, dict)
        and isinstance(answer.get(key), dict)
        and str(answer[key].get("id", "")).isdigit()
    )
