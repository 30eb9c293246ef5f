#!/usr/bin/env python3
"""A loopback stand-in for the Pixazo gateway's Ideogram API, validating
every request against ``spec/pixazo-openapi.yml``.

It is built on ``validating_server.py`` (the Ideogram server beside it) and
shares its request validation: openapi-core for paths, methods, parameters
and security, a strict jsonschema check of JSON bodies (unknown properties
rejected, ``allOf`` included), and the strict multipart/form-data checker
for the describe, edit and remix uploads. What differs:

* The key travels in ``Ocp-Apim-Subscription-Key``. A request without it is
  answered 401 ``{"error": "Unauthorized", "message": ...}`` as the gateway
  documents; its value is never logged, and ``/__last`` shows its sha256.
* Every error body has the spec's ErrorResponse shape, ``{error, message}``;
  a rejected request adds ``validation_errors``, naming each field.
* The background removal runs as a job. The submission answers
  ``{request_id, status: QUEUED, polling_url}``, with an absolute
  ``polling_url`` on the address the request reached (its Host header), and
  ``GET /v2/requests/status/{request_id}`` moves the job QUEUED ->
  PROCESSING -> COMPLETED over several polls. ``sync_mode: true`` answers
  the finished image inline instead.
* ``X-Test-Failure`` values given to the submission shape that job (it
  fails, errs, never completes, answers its polls with 429 or slowly or
  broken, or hands out a polling URL on another host name); the per-request
  modes (``status-NNN``, ``truncated-json``, ``slow:MS``, ``close``) work on
  every operation. See ``FAILURE_MODES`` and the README beside this file.
* ``/__requests`` lists every API request, rejected ones too, with
  ``had_key`` (whether it carried the key header); ``/__jobs`` lists the jobs.

The command line follows validating_server.py's: ``--spec``, ``--port``,
``--port-file``, ``--idle-timeout``, ``--quiet``, ``--no-stdin-watch``,
``--no-parent-watch``, plus ``--polls-to-complete``. It prints
``LISTENING http://127.0.0.1:PORT`` once listening and exits when its stdin
closes, on SIGTERM/SIGINT, when its parent exits, or after the idle timeout.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import struct
import sys
import threading
import time
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import validating_server as vs  # noqa: E402 (needs the path above)

# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------

DEFAULT_SPEC = HERE.parent.parent / "spec" / "pixazo-openapi.yml"
KEY_HEADER = "Ocp-Apim-Subscription-Key"
FAILURE_HEADER = vs.FAILURE_HEADER

SUBMIT_OPERATION = "submit-remove-background"
STATUS_OPERATION = "get-remove-background-status"
MODEL_ID = "ideogram-remove-background"
STATUS_PATH = "/v2/requests/status/"
MEDIA_PATH = "/__media/"
MEDIA_TYPE = "image/png"

DEFAULT_POLLS_TO_COMPLETE = 3
MAX_POLL_429 = 1000
MAX_SLOW_MS = vs.MAX_SLOW_MS
MAX_REMEMBERED_REQUESTS = vs.MAX_REMEMBERED_REQUESTS

UNAUTHORIZED_MESSAGE = "Missing or invalid Ocp-Apim-Subscription-Key header."
#: Bodies of the ``status-NNN`` modes: ErrorResponse ``error`` and ``message``.
STATUS_MODES: Dict[int, Tuple[str, str]] = {
    400: ("Bad Request", "The request could not be processed."),
    401: ("Unauthorized", UNAUTHORIZED_MESSAGE),
    403: ("Forbidden", "This subscription key is not allowed to call this API."),
    404: ("Not Found", "The requested resource was not found."),
    429: ("Too Many Requests", "Rate limit is exceeded. Try again in 1 seconds."),
    500: ("Internal Server Error", "The gateway hit an internal error."),
}
JOB_FAILED_MESSAGE = "The background could not be removed from this image."
JOB_ERROR_MESSAGE = "A system error stopped the request; you have not been charged for it."
OUTPUT_FILE_NAME = "ideogram-remove-background-output.png"
CAPTION = "A lighthouse stands on a rocky shore under a pastel morning sky."

#: Modes that shape a remove-background job; given to its submission.
JOB_MODES = {
    "job-failed": "the job ends FAILED, with an error message",
    "job-error": "the job ends ERROR (a platform failure, not charged)",
    "never-completes": "the job stays PROCESSING for ever (after its first, QUEUED, poll)",
    "poll-429:N": "the first N polls of the job get 429 with Retry-After: 1 (N at most 1000)",
    "slow-poll:MS": "every poll of the job is answered after MS milliseconds (at most 30000)",
    "malformed-poll": "the job's polls get 200 with its JSON cut in half",
    "polling-host:localhost": "the polling_url names localhost:PORT (or 127.0.0.1:PORT) instead of the request's host",
}
#: Modes of one request, on any operation.
REQUEST_MODES = {
    "status-400|401|403|404|429|500": "that status with an ErrorResponse body; 429 adds Retry-After: 1",
    "truncated-json": "200 whose JSON body is cut in half",
    "slow:MS": "the normal answer after MS milliseconds (at most 30000)",
    "close": "the connection is closed without any response",
}
FAILURE_MODES = {**REQUEST_MODES, **JOB_MODES}

_HOST_RE = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
_JOB_ID_RE = re.compile(r"[A-Za-z0-9_.~-]+")


def _png_pixel() -> bytes:
    """A 1x1 fully transparent PNG: what a background removal returns."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1x1, 8-bit RGBA
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


OUTPUT_PNG = _png_pixel()
OUTPUT_DATA_URI = "data:image/png;base64," + base64.b64encode(OUTPUT_PNG).decode("ascii")


def _timestamp(seconds: float) -> str:
    """``2026-03-31T10:00:15.000Z``, the gateway's date-time style."""
    moment = datetime.fromtimestamp(seconds, timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def error_body(error: str, message: str, **extra: Any) -> bytes:
    """An ErrorResponse body."""
    return vs._json_bytes({"error": error, "message": message, **extra})


# --------------------------------------------------------------------------
# Failure modes
# --------------------------------------------------------------------------


@dataclass
class JobModes:
    """How a job behaves, from the modes given to its submission."""

    outcome: Optional[str] = "COMPLETED"  # COMPLETED, FAILED, ERROR; None: never ends
    poll_429: int = 0
    slow_poll_ms: int = 0
    malformed: bool = False
    polling_host: Optional[str] = None
    names: List[str] = field(default_factory=list)


@dataclass
class Modes:
    """A parsed ``X-Test-Failure`` header: at most one request mode and any
    number of job modes."""

    request: Optional[vs.FailureMode] = None
    job: JobModes = field(default_factory=JobModes)

    @property
    def shapes_job(self) -> bool:
        return bool(self.job.names)


def _whole_number(text: str, item: str, form: str, limit: int, clamp: bool) -> int:
    if not text.isdigit():
        raise ValueError(f"{item!r}: expected {form} with a whole number")
    value = int(text)
    if value > limit:
        if not clamp:
            raise ValueError(f"{item!r}: at most {limit}")
        value = limit
    return value


def parse_modes(header: str) -> Modes:
    """Parses ``X-Test-Failure``: one mode, or several separated by commas
    (one request mode at most, each job mode once). Raises ``ValueError``."""
    modes = Modes()
    items = [item.strip() for item in header.split(",")]
    if not any(items):
        raise ValueError("the header is empty; known modes: " + ", ".join(FAILURE_MODES))
    seen: set = set()
    for item in items:
        if not item:
            raise ValueError(f"{header!r} has an empty item between commas")
        head = item.split(":", 1)[0]
        if head in seen:
            raise ValueError(f"{item!r}: the mode {head!r} is given more than once")
        seen.add(head)
        request_mode: Optional[vs.FailureMode] = None
        if item.startswith("status-"):
            code = item[len("status-"):]
            if not code.isdigit() or int(code) not in STATUS_MODES:
                raise ValueError(f"{item!r}: the status modes are "
                                 + ", ".join(f"status-{status}" for status in STATUS_MODES))
            request_mode = vs.FailureMode("status", status=int(code))
        elif item in ("truncated-json", "close"):
            request_mode = vs.FailureMode(item)
        elif item.startswith("slow:"):
            milliseconds = _whole_number(item[len("slow:"):], item, "slow:MS", MAX_SLOW_MS, clamp=True)
            request_mode = vs.FailureMode("slow", milliseconds=milliseconds)
        elif item in ("job-failed", "job-error", "never-completes"):
            if any(name in ("job-failed", "job-error", "never-completes") for name in modes.job.names):
                raise ValueError(f"{item!r}: job-failed, job-error and never-completes exclude each other")
            modes.job.outcome = {"job-failed": "FAILED", "job-error": "ERROR", "never-completes": None}[item]
            modes.job.names.append(item)
        elif item.startswith("poll-429:"):
            modes.job.poll_429 = _whole_number(item[len("poll-429:"):], item, "poll-429:N", MAX_POLL_429, clamp=False)
            modes.job.names.append(item)
        elif item.startswith("slow-poll:"):
            modes.job.slow_poll_ms = _whole_number(item[len("slow-poll:"):], item, "slow-poll:MS", MAX_SLOW_MS,
                                                   clamp=True)
            modes.job.names.append(item)
        elif item == "malformed-poll":
            modes.job.malformed = True
            modes.job.names.append(item)
        elif item.startswith("polling-host:"):
            host = item[len("polling-host:"):]
            if host not in ("localhost", "127.0.0.1"):
                raise ValueError(f"{item!r}: expected polling-host:localhost or polling-host:127.0.0.1")
            modes.job.polling_host = host
            modes.job.names.append(item)
        else:
            raise ValueError(f"unknown mode {item!r}; known modes: " + ", ".join(FAILURE_MODES))
        if request_mode is not None:
            if modes.request is not None:
                raise ValueError(f"{header!r} names more than one of the request modes "
                                 + ", ".join(REQUEST_MODES))
            modes.request = request_mode
    return modes


# --------------------------------------------------------------------------
# Jobs
# --------------------------------------------------------------------------


@dataclass
class Job:
    """One remove-background job and its progress."""

    request_id: str
    polling_url: str
    modes: JobModes
    created: float
    updated: float
    status: str = "QUEUED"
    completed: Optional[float] = None
    polls: int = 0      # polls that reached the job (429 answers included)
    answered: int = 0   # polls answered with the job's state

    def advance(self, polls_to_complete: int, now: float) -> None:
        """One more poll answered with the state: QUEUED on the first, then
        PROCESSING, and the outcome from poll ``polls_to_complete`` on."""
        self.answered += 1
        if self.status in ("COMPLETED", "FAILED", "ERROR"):
            return
        if self.modes.outcome is not None and self.answered >= polls_to_complete:
            status = self.modes.outcome
        else:
            status = "QUEUED" if self.answered == 1 else "PROCESSING"
        if status != self.status:
            self.status = status
            self.updated = now
            if status in ("COMPLETED", "FAILED", "ERROR"):
                self.completed = now

    def state(self, media_host: str) -> Dict[str, Any]:
        """The job as the status operation reports it (JobStatusResponse)."""
        body: Dict[str, Any] = {
            "request_id": self.request_id,
            "status": self.status,
            "model_id": MODEL_ID,
            "error": None,
        }
        if self.status == "FAILED":
            body["error"] = JOB_FAILED_MESSAGE
        elif self.status == "ERROR":
            body["error"] = JOB_ERROR_MESSAGE
        if self.status == "COMPLETED":
            body["output"] = {"media_url": [f"http://{media_host}{MEDIA_PATH}{self.request_id}/output.png"],
                              "media_type": MEDIA_TYPE}
        body["created_at"] = _timestamp(self.created)
        body["updated_at"] = _timestamp(self.updated)
        if self.completed is not None:
            body["completed_at"] = _timestamp(self.completed)
        return body

    def summary(self) -> Dict[str, Any]:
        """The job as ``/__jobs`` lists it."""
        return {"request_id": self.request_id, "status": self.status, "polls": self.polls,
                "answered": self.answered, "modes": list(self.modes.names), "polling_url": self.polling_url}


class JobStore:
    """The jobs submitted so far, shared by the handler threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._jobs: Dict[str, Job] = {}

    def create(self, polling_base: str, modes: JobModes) -> Job:
        request_id = f"{MODEL_ID}_{uuid.uuid4()}"
        now = time.time()
        job = Job(request_id, f"{polling_base}{STATUS_PATH}{request_id}", modes, created=now, updated=now)
        with self.lock:
            self._jobs[request_id] = job
        return job

    def get(self, request_id: str) -> Optional[Job]:
        return self._jobs.get(request_id)

    def summaries(self) -> List[Dict[str, Any]]:
        with self.lock:
            return [job.summary() for job in self._jobs.values()]


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


class Unauthorized(vs.RequestRejected):
    """A request without the subscription key (answered as the gateway does)."""

    def __init__(self) -> None:
        super().__init__(401, [f"header {KEY_HEADER!r}: required but missing"])


def _declared_properties(spec: vs.LoadedSpec, schema: Any, depth: int = 0) -> set:
    """Property names a schema declares, through ``$ref`` and compositions."""
    if not isinstance(schema, dict) or depth > 12:
        return set()
    if isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#"):
        schema = spec.resolve(schema["$ref"])[1]
    names = set((schema.get("properties") or {}).keys())
    for keyword in ("allOf", "oneOf", "anyOf"):
        for member in schema.get(keyword) or []:
            names |= _declared_properties(spec, member, depth + 1)
    return names


class PixazoValidator(vs.RequestValidator):
    """Validation as in validating_server.py, with the subscription key
    checked first (401) and JSON bodies checked with jsonschema."""

    def __init__(self, specs: Sequence[vs.LoadedSpec]):
        super().__init__(specs, api_key_header=KEY_HEADER)

    def _check_matched(self, incoming: vs.IncomingRequest, operations: List[vs.Operation]) -> None:
        for operation in operations:
            security = operation.document.get("security", operation.spec.document.get("security"))
            if security and not any(value.strip() for value in incoming.header_values(KEY_HEADER)):
                raise Unauthorized()

    def _json_body_errors(self, operation: vs.Operation, core: vs.CoreRequest, json_body: Any,
                          media_pointer: str) -> List[str]:
        """openapi-core cannot forbid unknown properties across ``allOf``
        (it rejects every member's properties); the strict jsonschema copy of
        the spec can, with ``unevaluatedProperties``. That keyword also counts
        known properties whose value failed as unknown; its errors are
        restated with only the names the schema does not declare."""
        spec = operation.spec
        validator = spec.validator(media_pointer + "/schema", strict=True)
        errors: List[str] = []
        for error in sorted(validator.iter_errors(json_body), key=lambda e: ([str(p) for p in e.absolute_path],
                                                                              e.message)):
            if error.validator == "unevaluatedProperties" and isinstance(error.instance, dict):
                declared = _declared_properties(spec, error.schema)
                unknown = sorted(name for name in error.instance if name not in declared)
                if not unknown:
                    continue
                names = ", ".join(repr(name) for name in unknown)
                where = vs._render_json_path("body", error.absolute_path)
                errors.append(vs._clip(f"{where}: Additional properties are not allowed ({names} "
                                       f"{'was' if len(unknown) == 1 else 'were'} unexpected)"))
                continue
            errors.append(vs.render_schema_error(error, "body"))
        return errors


# --------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------


class PixazoResponseGenerator(vs.ResponseGenerator):
    """validating_server's generator with Pixazo's field names filled in
    realistically (captions, model versions, the original image link)."""

    def _hint(self, pointer: str, name: str, index: int) -> Any:
        if name == "model_used" and isinstance(self.hints.get("model"), str):
            model = self.hints["model"]
            return model if self._valid(pointer, model) else None
        return super()._hint(pointer, name, index)

    def _string(self, schema: Dict[str, Any], name: str, index: int) -> str:
        if name == "description":
            return CAPTION
        if name == "original_image":
            return f"https://127.0.0.1/images/{self._next_uri_number()}.png"
        if name == "model_used":
            return "V_2"
        return super()._string(schema, name, index)


# --------------------------------------------------------------------------
# The HTTP server
# --------------------------------------------------------------------------


class PixazoServer(vs.ValidatingServer):
    """The server's state: the validator, jobs and every request seen."""

    api_key_header = KEY_HEADER

    def __init__(self, port: int, validator: PixazoValidator, log: Any, polls_to_complete: int):
        self.jobs = JobStore()
        self.polls_to_complete = polls_to_complete
        self.requests: List[Dict[str, Any]] = []
        self.request_count = 0
        super().__init__(port, validator, "", log, handler=PixazoHandler)

    def record(self, summary: Dict[str, Any]) -> None:
        """Adds one API request (accepted or not) to ``/__requests``."""
        with self.state_lock:
            self.request_count += 1
            self.requests.append(summary)
            del self.requests[:-MAX_REMEMBERED_REQUESTS]

    def remember_last(self, description: Dict[str, Any]) -> None:
        with self.state_lock:
            self.last_request = description


class PixazoHandler(vs.ValidatingHandler):
    """Reads, validates and answers one request of the Pixazo API."""

    server_version = "PixazoServer/1.0"
    server: PixazoServer

    # -- addressing -----------------------------------------------------

    def _host(self) -> str:
        """The address the request reached, from its Host header (when it is
        a plain host[:port]), else 127.0.0.1:PORT."""
        host = (self.headers.get("Host") or "").strip() if self.headers is not None else ""
        if host and _HOST_RE.fullmatch(host):
            return host
        return f"127.0.0.1:{self.server.server_address[1]}"

    def _operation_id(self, method: str, path: str) -> Optional[str]:
        """The operationId a method and path name in the spec, if any."""
        for spec in self.server.validator.specs:
            for pattern, item in spec.document.get("paths", {}).items():
                if vs._pattern_matches(pattern, path) and isinstance(item.get(method.lower()), dict):
                    return item[method.lower()].get("operationId")
        return None

    # -- routing --------------------------------------------------------

    def _route(self) -> vs.Reply:
        raw_path, _, query = self.path.partition("?")
        if raw_path.startswith("http://") or raw_path.startswith("https://"):
            raw_path = urlsplit(raw_path).path or "/"
        body, framing = self._read_body()
        if raw_path.startswith(MEDIA_PATH):
            return self._media(raw_path)
        if raw_path.startswith("/__"):
            return self._introspection(raw_path)
        incoming = vs.IncomingRequest(self.command, raw_path, query, list(self.headers.items()), body, framing)
        summary: Dict[str, Any] = {
            "method": self.command,
            "path": raw_path,
            "host": self._host(),
            "operation_id": self._operation_id(self.command, raw_path),
            "test_failure": incoming.header(FAILURE_HEADER),
            "had_key": incoming.header(KEY_HEADER) is not None,
            "accepted": False,
            "status": None,
        }
        try:
            accepted = self.server.validator.validate(incoming, raw_path)
            modes = self._modes(accepted)
        except vs.RequestRejected as rejected:
            summary["status"] = rejected.status
            self.server.record(summary)
            raise
        summary["accepted"] = True
        self._remember(accepted)
        try:
            reply = self._answer(accepted, modes)
        except Exception as exc:  # a rejection, or a bug answered with 500 by _handle
            summary["status"] = exc.status if isinstance(exc, vs.RequestRejected) else 500
            self.server.record(summary)
            raise
        summary["status"] = None if reply.drop else reply.status  # None: the connection was dropped
        self.server.record(summary)
        return reply

    def _modes(self, accepted: vs.AcceptedRequest) -> Modes:
        """The request's failure modes; job modes only on a submission that
        creates a job."""
        header = accepted.incoming.header(FAILURE_HEADER)
        if header is None:
            return Modes()
        try:
            modes = parse_modes(header)
        except ValueError as exc:
            raise vs.RequestRejected(400, [f"header {FAILURE_HEADER!r}: {exc}"]) from None
        if modes.shapes_job:
            operation_id = accepted.primary.operation_id
            if operation_id != SUBMIT_OPERATION or self._sync_mode(accepted):
                raise vs.RequestRejected(400, [
                    f"header {FAILURE_HEADER!r}: {', '.join(modes.job.names)} shape a remove-background job, so they "
                    f"only apply to {SUBMIT_OPERATION} without sync_mode (this is {operation_id})"])
        return modes

    @staticmethod
    def _sync_mode(accepted: vs.AcceptedRequest) -> bool:
        body = accepted.json_body
        return isinstance(body, dict) and body.get("sync_mode") is True

    # -- recording ------------------------------------------------------

    def _remember(self, accepted: vs.AcceptedRequest) -> None:
        description, _ = self._describe(accepted)
        description["had_key"] = description.get("api_key_sha256") is not None
        key = self._api_key()
        if key and len(key) >= 8:  # the key anywhere else (a body, a query) is redacted too
            escaped = json.dumps(key, ensure_ascii=False)[1:-1]
            text = json.dumps(description, ensure_ascii=False)
            if escaped in text:
                try:
                    description = json.loads(text.replace(escaped, vs.REDACTED))
                except ValueError:
                    pass
        self.server.remember_last(description)

    def _rejection(self, rejected: vs.RequestRejected) -> vs.Reply:
        if isinstance(rejected, Unauthorized):
            return vs.Reply(401, error_body("Unauthorized", UNAUTHORIZED_MESSAGE))
        messages = [self._redact(message) for message in rejected.messages]
        try:
            phrase = HTTPStatus(rejected.status).phrase
        except ValueError:
            phrase = "Error"
        first = messages[0] if messages else phrase
        more = f" (and {len(messages) - 1} more; see validation_errors)" if len(messages) > 1 else ""
        message = vs._clip(f"The request was rejected: {first}{more}", 600)
        return vs.Reply(rejected.status, error_body(phrase, message, validation_errors=messages),
                        headers=rejected.headers, close=rejected.close)

    # -- introspection and media ----------------------------------------

    def _introspection(self, raw_path: str) -> vs.Reply:
        if raw_path == "/__requests" and self.command in ("GET", "HEAD"):
            with self.server.state_lock:
                body = {"count": self.server.request_count, "requests": list(self.server.requests)}
            return vs.Reply(200, vs._json_bytes(body))
        if raw_path == "/__jobs" and self.command in ("GET", "HEAD"):
            jobs = self.server.jobs.summaries()
            return vs.Reply(200, vs._json_bytes({"count": len(jobs), "jobs": jobs}))
        if raw_path in ("/__health", "/__last") or self.command not in ("GET", "HEAD"):
            return super()._introspection(raw_path)
        raise vs.RequestRejected(404, [f"unknown introspection path {raw_path} (known: /__health, /__last, "
                                       f"/__requests, /__jobs, {MEDIA_PATH}REQUEST_ID/output.png)"])

    def _media(self, raw_path: str) -> vs.Reply:
        """A completed job's output, as its ``media_url`` names it; recorded
        in ``/__requests`` (with ``had_key``) but not validated."""
        summary: Dict[str, Any] = {"method": self.command, "path": raw_path, "host": self._host(),
                                   "operation_id": None,
                                   "test_failure": self.headers.get(FAILURE_HEADER),
                                   "had_key": self.headers.get(KEY_HEADER) is not None,
                                   "accepted": True, "status": None}
        request_id = raw_path[len(MEDIA_PATH):]
        request_id = request_id[:-len("/output.png")] if request_id.endswith("/output.png") else ""
        with self.server.jobs.lock:
            job = self.server.jobs.get(unquote(request_id)) if request_id else None
            done = job is not None and job.status == "COMPLETED"
        if self.command not in ("GET", "HEAD"):
            reply = vs.Reply(405, error_body("Method Not Allowed", f"{raw_path} only answers GET"),
                             headers={"Allow": "GET"})
        elif not done:
            reply = vs.Reply(404, error_body("Not Found", f"{raw_path} is not the output of a completed job"))
        else:
            reply = vs.Reply(200, OUTPUT_PNG, content_type=MEDIA_TYPE)
        summary["status"] = reply.status
        self.server.record(summary)
        return reply

    # -- answers --------------------------------------------------------

    def _answer(self, accepted: vs.AcceptedRequest, modes: Modes) -> vs.Reply:  # type: ignore[override]
        request_mode = modes.request
        kind = request_mode.kind if request_mode else None
        operation_id = accepted.primary.operation_id
        if kind == "close":
            return vs.Reply(0, drop=True)
        if kind == "status":
            assert request_mode is not None and request_mode.status is not None
            error, message = STATUS_MODES[request_mode.status]
            headers = {"Retry-After": "1"} if request_mode.status == 429 else {}
            return vs.Reply(request_mode.status, error_body(error, message), headers=headers)
        if operation_id == STATUS_OPERATION:
            reply = self._poll(accepted)
        elif operation_id == SUBMIT_OPERATION:
            reply = self._submit(accepted, modes.job)
        else:
            reply = self._generated(accepted)
        if kind == "truncated-json" and reply.status == 200:
            reply.body = reply.body[: max(1, len(reply.body) // 2)]
        if kind == "slow" and request_mode is not None:
            reply.delay_ms += request_mode.milliseconds
        return reply

    def _checked(self, accepted: vs.AcceptedRequest, value: Any, status: int = 200) -> vs.Reply:
        """A JSON reply, validated against the operation's response first."""
        body = vs._json_bytes(value)
        problems: List[str] = []
        with self.server.validator.lock:
            for operation in accepted.operations:
                responses = operation.document.get("responses") or {}
                if str(status) not in responses and status not in responses:
                    continue
                core = accepted.incoming.core_request(operation.spec, accepted.api_path)
                for exc in operation.spec.response_validator.iter_errors(core, vs.CoreResponse(status, body)):
                    problems.extend(f"{operation.spec.label}: {message}" for message in vs.describe_core_error(exc))
        if problems:
            raise vs.RequestRejected(500, ["the generated response is not valid: " + "; ".join(problems)])
        return vs.Reply(status, body)

    def _generated(self, accepted: vs.AcceptedRequest) -> vs.Reply:
        """The 200 of a synchronous operation, generated from its schema."""
        operation = accepted.primary
        pointer = vs.response_pointer(operation)
        if pointer is None:
            return vs.Reply(200, b"", content_type=None)
        with self.server.validator.lock:
            value = PixazoResponseGenerator(operation.spec, accepted.hints()).generate(pointer)
        return self._checked(accepted, value)

    def _submit(self, accepted: vs.AcceptedRequest, job_modes: JobModes) -> vs.Reply:
        if self._sync_mode(accepted):
            inline = {"images": [{"file_name": OUTPUT_FILE_NAME, "content_type": MEDIA_TYPE,
                                  "url": OUTPUT_DATA_URI}],
                      "description": ""}
            return self._checked(accepted, inline)
        host = self._host()
        if job_modes.polling_host is not None:
            host = f"{job_modes.polling_host}:{self.server.server_address[1]}"
        job = self.server.jobs.create(f"http://{host}", job_modes)
        return self._checked(accepted, {"request_id": job.request_id, "status": "QUEUED",
                                        "polling_url": job.polling_url})

    def _poll(self, accepted: vs.AcceptedRequest) -> vs.Reply:
        request_id = unquote(accepted.primary.path_variables.get("request_id", ""))
        jobs = self.server.jobs
        with jobs.lock:
            job = jobs.get(request_id)
            if job is None:
                state = None
            else:
                job.polls += 1
                delay = job.modes.slow_poll_ms
                if job.polls <= job.modes.poll_429:
                    state = "429"
                else:
                    job.advance(self.server.polls_to_complete, time.time())
                    state = job.state(self._host())
                malformed = job.modes.malformed
                polls, limit = job.polls, job.modes.poll_429
        if job is None:
            shown = request_id if _JOB_ID_RE.fullmatch(request_id) else repr(request_id)
            return self._error_reply(accepted, 404, "Not Found", f"No request with request_id {shown} was found.")
        if state == "429":
            reply = self._error_reply(accepted, 429, "Too Many Requests",
                                      f"Rate limit is exceeded. Try again in 1 seconds (poll {polls} of {limit} "
                                      "refused).")
            reply.headers["Retry-After"] = "1"
        else:
            reply = self._checked(accepted, state)
            if malformed:
                reply.body = reply.body[: max(1, len(reply.body) // 2)]
        reply.delay_ms = delay
        return reply

    def _error_reply(self, accepted: vs.AcceptedRequest, status: int, error: str, message: str) -> vs.Reply:
        return self._checked(accepted, {"error": error, "message": message}, status)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Loopback stand-in for the Pixazo gateway that validates requests against its OpenAPI spec.")
    parser.add_argument("--spec", action="append", default=[], metavar="PATH",
                        help=f"OpenAPI document to validate against (repeatable; default {DEFAULT_SPEC})")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free port)")
    parser.add_argument("--port-file", metavar="FILE", help="write the port to FILE once listening")
    parser.add_argument("--polls-to-complete", type=_positive, default=DEFAULT_POLLS_TO_COMPLETE, metavar="N",
                        help="the poll on which a job ends (default 3: QUEUED, PROCESSING, COMPLETED)")
    parser.add_argument("--idle-timeout", type=float, default=600.0, metavar="SECONDS",
                        help="exit after this long without requests (default 600; 0 disables)")
    parser.add_argument("--no-stdin-watch", action="store_true",
                        help="do not exit when standard input closes (for running by hand with </dev/null)")
    parser.add_argument("--no-parent-watch", action="store_true",
                        help="do not exit when the parent process exits (for starting it in the background)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_argument_parser().parse_args(argv)
    log_lock = threading.Lock()

    def log(line: str) -> None:
        if args.quiet:
            return
        with log_lock:
            sys.stderr.write(f"[pixazo-server] {line}\n")
            sys.stderr.flush()

    paths = list(args.spec) or [str(DEFAULT_SPEC)]
    try:
        specs = [vs.LoadedSpec(path) for path in paths]
    except Exception as exc:  # report a bad spec plainly, then fail
        sys.stderr.write(f"pixazo_server.py: cannot load spec: {type(exc).__name__}: {exc}\n")
        return 2
    parent = os.getppid()
    server = PixazoServer(args.port, PixazoValidator(specs), log, args.polls_to_complete)
    return vs.run_server(server, port_file=args.port_file, idle_timeout=args.idle_timeout,
                         stdin_watch=not args.no_stdin_watch, parent=0 if args.no_parent_watch else parent,
                         log=log, details=f"jobs complete on poll {args.polls_to_complete}, specs: {', '.join(paths)}")


if __name__ == "__main__":
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Daemon threads (the stdin watch, slow requests) may still be blocked.
    os._exit(exit_code)
