"""Tests of conformance_server.py, run against real server subprocesses.

    bash Tests/Server/setup-venv.sh && .venv/bin/python -m pytest -q Tests/Server

Two servers are started: one with small specs written here (always), one
with the real-world corpus in ../shared/corpus next to the repository (those
tests are skipped when the corpus is absent; CONFORMANCE_CORPUS overrides the
folder). A third, fresh one measures memory during 50 MB transfers. Requests
are built by hand with http.client, and streams are read off raw sockets
where framing and chunk boundaries matter.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import pytest
from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SERVER = HERE / "conformance_server.py"
CORPUS = Path(os.environ.get("CONFORMANCE_CORPUS", str(ROOT.parent / "shared" / "corpus")))
TOKEN = "tok-" + "5e1f0c7a9b3d" * 3
sys.path.insert(0, str(HERE))

import conformance_server  # noqa: E402  (after the path is set)
import validating_server  # noqa: E402

# --------------------------------------------------------------------------
# Small specs
# --------------------------------------------------------------------------

THING = {"type": "object", "required": ["id", "name"], "additionalProperties": False,
         "properties": {"id": {"type": "integer"}, "name": {"type": "string", "minLength": 3},
                        "tags": {"type": "array", "items": {"type": "string"}}}}
ERROR = {"type": "object", "required": ["code", "message"],
         "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}}
OPEN = [{}]  # an anonymous alternative: no credentials needed


def _json_response(schema: Any, description: str = "OK", **extra: Any) -> Dict[str, Any]:
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    response.update(extra)
    return response


MINI_SPEC: Dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "mini", "version": "1"},
    "servers": [{"url": "https://api.example.com/v2"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "basic": {"type": "http", "scheme": "basic"},
            "cookieKey": {"type": "apiKey", "in": "cookie", "name": "session"},
            "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
            "headerKey": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://example.com/.well-known/openid-configuration"},
            "oauth": {"type": "oauth2", "flows": {"clientCredentials": {
                "tokenUrl": "https://example.com/token", "scopes": {"read": "read things"}}}},
            "mtls": {"type": "mutualTLS"},
        },
        "schemas": {
            "Thing": THING,
            "Error": ERROR,
            "Event": {
                "oneOf": [{"$ref": "#/components/schemas/Started"}, {"$ref": "#/components/schemas/Progress"},
                          {"$ref": "#/components/schemas/Finished"}],
                "discriminator": {"propertyName": "kind", "mapping": {
                    "started": "#/components/schemas/Started", "progress": "#/components/schemas/Progress",
                    "finished": "#/components/schemas/Finished"}},
            },
            "Started": {"type": "object", "required": ["kind", "at"],
                        "properties": {"kind": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
            "Progress": {"type": "object", "required": ["kind", "percent"],
                         "properties": {"kind": {"type": "string"},
                                        "percent": {"type": "integer", "minimum": 0, "maximum": 100}}},
            "Finished": {"type": "object", "required": ["kind", "id"],
                         "properties": {"kind": {"type": "string"}, "id": {"type": "string", "format": "uuid"}}},
        },
    },
    "paths": {
        "/public": {"get": {"operationId": "public", "security": [],
                            "responses": {"200": _json_response({"type": "object", "required": ["ok"],
                                                                 "properties": {"ok": {"type": "boolean"}}})}}},
        "/cookie": {"get": {"operationId": "cookie", "security": [{"cookieKey": []}],
                            "responses": {"204": {"description": "none"}}}},
        "/query-key": {"get": {"operationId": "queryKey", "security": [{"queryKey": []}],
                               "responses": {"204": {"description": "none"}}}},
        "/basic": {"get": {"operationId": "basic", "security": [{"basic": []}],
                           "responses": {"204": {"description": "none"}}}},
        "/bearer": {"get": {"operationId": "bearer", "responses": {"204": {"description": "none"}}}},
        "/oidc": {"get": {"operationId": "oidc", "security": [{"oidc": ["openid"]}, {"oauth": ["read"]}],
                          "responses": {"204": {"description": "none"}}}},
        "/mtls": {"get": {"operationId": "mtls", "security": [{"mtls": []}],
                          "responses": {"204": {"description": "none"}}}},
        "/both": {"get": {"operationId": "both", "security": [{"headerKey": [], "bearer": []}],
                          "responses": {"204": {"description": "none"}}}},
        "/either": {"get": {"operationId": "either", "security": [{"headerKey": []}, {"basic": []}],
                            "responses": {"204": {"description": "none"}}}},
        "/styles/{id}": {"get": {
            "operationId": "styles", "security": [],
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
                {"name": "limit", "in": "query", "required": True,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
                {"name": "tags", "in": "query", "style": "form", "explode": False,
                 "schema": {"type": "array", "items": {"type": "string"}}},
                {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}}},
                {"name": "words", "in": "query", "style": "spaceDelimited", "explode": False,
                 "schema": {"type": "array", "items": {"type": "string"}}},
                {"name": "pipes", "in": "query", "style": "pipeDelimited", "explode": False,
                 "schema": {"type": "array", "items": {"type": "string"}}},
                {"name": "filter", "in": "query", "style": "deepObject", "explode": True,
                 "schema": {"type": "object", "additionalProperties": False,
                            "properties": {"color": {"type": "string", "enum": ["red", "blue"]},
                                           "size": {"type": "integer"}}}},
                {"name": "point", "in": "query", "style": "form", "explode": True,
                 "schema": {"type": "object", "properties": {"x": {"type": "number"}, "y": {"type": "number"}}}},
                {"name": "when", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"name": "X-Trace", "in": "header", "schema": {"type": "array", "items": {"type": "integer"}}},
                {"name": "pref", "in": "cookie", "schema": {"type": "string", "enum": ["dark", "light"]}},
            ],
            "responses": {"200": _json_response({"type": "object"})}}},
        "/matrix/{coords}": {"get": {
            "operationId": "matrix", "security": [],
            "parameters": [{"name": "coords", "in": "path", "required": True, "style": "matrix", "explode": True,
                            "schema": {"type": "array", "items": {"type": "integer"}}}],
            "responses": {"204": {"description": "none"}}}},
        "/things": {"get": {
            "operationId": "listThings", "security": [],
            "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                           {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
            "responses": {"200": _json_response({"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                                                headers={"Link": {"schema": {"type": "string"}},
                                                         "X-Total": {"schema": {"type": "integer",
                                                                                "minimum": 1}}})}}},
        "/events": {"get": {
            "operationId": "listEvents", "security": [],
            "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}},
                           {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": _json_response({
                "type": "object", "required": ["items", "next_cursor"],
                "properties": {"items": {"type": "array", "items": {
                    "type": "object", "required": ["id", "title"],
                    "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}},
                    "next_cursor": {"type": ["string", "null"]}}})}}},
        "/feed": {"post": {
            "operationId": "feed", "security": [],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "properties": {"stream": {
                    "type": "boolean",
                    "description": "Stream events; the stream ends with a `data: [DONE]` message."}}}}}},
            "responses": {"200": {"description": "OK", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}},
                "text/event-stream": {"schema": {"$ref": "#/components/schemas/Event"}}}}}}},
        "/lines": {"get": {
            "operationId": "lines", "security": [],
            "responses": {"200": {"description": "OK", "content": {
                "application/x-ndjson": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}},
        "/blob": {"get": {
            "operationId": "blob", "security": [],
            "responses": {"200": {"description": "OK",
                                  "headers": {"Content-Type": {"schema": {"type": "string"}},
                                              "ETag": {"schema": {"type": "string"}}},
                                  "content": {"application/octet-stream": {
                                      "schema": {"type": "string", "format": "binary"}}}}}}},
        "/upload": {"put": {
            "operationId": "upload", "security": [],
            "requestBody": {"required": True, "content": {"application/octet-stream": {
                "schema": {"type": "string", "format": "binary"}}}},
            "responses": {"200": _json_response({"type": "object", "properties": {
                "received": {"type": "boolean"}}})}}},
        "/files": {"post": {
            "operationId": "uploadFiles", "security": [],
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file", "note"],
                "properties": {"file": {"type": "string", "format": "binary"},
                               "note": {"type": "string", "minLength": 2},
                               "count": {"type": "integer", "maximum": 9},
                               "meta": {"type": "object", "required": ["a"],
                                        "properties": {"a": {"type": "integer"}}},
                               "labels": {"type": "array", "items": {"type": "string"}},
                               "pictures": {"type": "array", "maxItems": 2,
                                            "items": {"type": "string", "format": "binary"}}}}}}},
            "responses": {"201": _json_response({"$ref": "#/components/schemas/Thing"},
                                                headers={"Location": {"schema": {"type": "string",
                                                                                 "format": "uri"}}})}}},
        "/jobs": {"post": {
            "operationId": "createJob", "security": [],
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"name": {"type": "string"}}}}}},
            "responses": {
                "202": _json_response({"type": "object", "required": ["id"],
                                       "properties": {"id": {"type": "string", "format": "uuid"}}},
                                      headers={"Location": {"required": True,
                                                            "schema": {"type": "string", "format": "uri"}},
                                               "Retry-After": {"schema": {"type": "integer", "minimum": 1}},
                                               "X-Request-Id": {"schema": {"type": "string"}}}),
                "4XX": _json_response({"$ref": "#/components/schemas/Error"}),
                "default": _json_response({"$ref": "#/components/schemas/Error"})}}},
        "/things/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1}}],
            "get": {"operationId": "getThing", "security": [],
                    "responses": {
                        "200": _json_response({"$ref": "#/components/schemas/Thing"}, headers={
                            "X-Rate-Limit-Remaining": {"schema": {"type": "integer", "minimum": 5, "maximum": 9}},
                            "ETag": {"schema": {"type": "string"}},
                            "X-Request-Id": {"schema": {"type": "string"}},
                            "Content-Type": {"schema": {"type": "string", "enum": ["text/plain"]}}}),
                        "204": {"description": "no content"},
                        "404": _json_response({"$ref": "#/components/schemas/Error"})}},
            "delete": {"operationId": "deleteThing", "security": [],
                       "responses": {"204": {"description": "deleted"}}}},
        "/report": {"get": {
            "operationId": "report", "security": [],
            "responses": {"200": {"description": "OK", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}},
                "application/xml": {"schema": {"$ref": "#/components/schemas/Thing"}},
                "text/csv": {"schema": {"type": "string"}}}}}}},
        "/example": {"get": {
            "operationId": "example", "security": [],
            "responses": {"200": {"description": "OK", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"},
                "examples": {"bad": {"value": {"id": "not an integer", "name": "x"}},
                             "good": {"value": {"id": 7, "name": "Seven"}}}}}}}}},
    },
}

LEGACY_SPEC = """
openapi: 3.0.3
info: {title: legacy, version: "1"}
paths:
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            encoding:
              metadata: {style: deepObject, explode: true}
            schema:
              type: object
              additionalProperties: false
              required: [name]
              properties:
                name: {type: string}
                price: {type: number, minimum: 0, exclusiveMinimum: true}
                metadata: {type: object, additionalProperties: {type: string}}
                sizes: {type: array, items: {type: integer}}
                active: {type: boolean}
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                note: {type: string, nullable: true}
                kind: {type: string, enum: [a, b], nullable: true}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                required: [name, note, created]
                properties:
                  name: {type: string}
                  note: {type: string, nullable: true}
                  created: {type: string, format: date-time}
"""


# --------------------------------------------------------------------------
# Starting servers
# --------------------------------------------------------------------------


@dataclass
class RunningServer:
    process: subprocess.Popen
    port: int
    log_path: Path
    started_seconds: float

    def stop(self, timeout: float = 15) -> int:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("the server did not exit after its stdin closed")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rss_peak_kb(self) -> Optional[int]:
        """VmHWM of the server process (peak resident memory), in kB; None
        where /proc is missing (the memory checks are then skipped)."""
        status = Path(f"/proc/{self.process.pid}/status")
        if not status.exists():
            return None
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None


def start_server(tmp_dir: Path, *arguments: str) -> RunningServer:
    log_path = tmp_dir / f"server-{uuid.uuid4().hex[:8]}.log"
    started = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, str(SERVER), "--port", "0", *arguments], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=log, cwd=str(ROOT))
    lines: List[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline().decode()), daemon=True)
    reader.start()
    reader.join(timeout=60)
    if not lines or not lines[0].startswith("LISTENING http://127.0.0.1:"):
        process.kill()
        process.wait()
        raise AssertionError(f"the server did not start: {lines!r}\n{log_path.read_text()}")
    return RunningServer(process, int(lines[0].strip().rsplit(":", 1)[1]), log_path, time.monotonic() - started)


def write_small_specs(folder: Path) -> List[str]:
    (folder / "mini.json").write_text(json.dumps(MINI_SPEC), encoding="utf-8")
    (folder / "legacy.yaml").write_text(LEGACY_SPEC, encoding="utf-8")
    return ["--spec", f"mini={folder / 'mini.json'}", "--spec", str(folder / "legacy.yaml")]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterable[RunningServer]:
    folder = tmp_path_factory.mktemp("small")
    running = start_server(folder, *write_small_specs(folder), "--port-file", str(folder / "port"))
    assert (folder / "port").read_text().strip() == str(running.port)
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterable[RunningServer]:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus {CORPUS} is absent")
    folder = tmp_path_factory.mktemp("corpus")
    running = start_server(folder, "--corpus", str(CORPUS), *write_small_specs(folder))
    yield running
    assert running.stop() == 0


# --------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: Dict[str, str]
    body: bytes
    header_list: List[Tuple[str, str]]

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def errors(self) -> List[str]:
        return self.json().get("validation_errors", [])


def call(server: RunningServer, method: str, path: str, headers: Optional[Dict[str, str]] = None,
         body: bytes = b"", timeout: float = 60) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.request(method, path, body=body if body or method in ("POST", "PUT", "PATCH") else None,
                           headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        header_list = response.getheaders()
        return Answer(response.status, {key.lower(): value for key, value in header_list}, data, header_list)
    finally:
        connection.close()


def bearer(token: str = TOKEN) -> Dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def basic(user: str, password: str) -> Dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def json_body(value: Any) -> Tuple[Dict[str, str], bytes]:
    return {"Content-Type": "application/json"}, json.dumps(value).encode()


def last(server: RunningServer) -> Dict[str, Any]:
    answer = call(server, "GET", "/__last")
    assert answer.status == 200, answer.body
    return answer.json()


def multipart(parts: List[Tuple[str, Optional[str], Optional[str], bytes]], boundary: str = "b0undary-x1"
              ) -> Tuple[Dict[str, str], bytes]:
    """(name, filename, content type, data) parts as a multipart/form-data body."""
    body = bytearray()
    for name, filename, content_type, data in parts:
        body += f"--{boundary}\r\n".encode()
        disposition = f'Content-Disposition: form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += disposition.encode() + b"\r\n"
        if content_type is not None:
            body += f"Content-Type: {content_type}\r\n".encode()
        body += b"\r\n" + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return {"Content-Type": f"multipart/form-data; boundary={boundary}"}, bytes(body)


def raw_exchange(port: int, request: bytes, timeout: float = 30) -> bytes:
    """Sends raw bytes and reads until the server closes or stops sending."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        data = bytearray()
        while True:
            try:
                piece = sock.recv(65536)
            except socket.timeout:
                break
            if not piece:
                break
            data += piece
    return bytes(data)


def raw_request(method: str, path: str, headers: Dict[str, str], body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for name, value in headers.items():
        head += f"{name}: {value}\r\n"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def split_chunked(data: bytes) -> Tuple[bytes, List[bytes], bool]:
    """Splits a raw HTTP/1.1 response into its head, its chunks and whether
    the terminating zero-size chunk came."""
    head, _, rest = data.partition(b"\r\n\r\n")
    chunks: List[bytes] = []
    while rest:
        line, separator, rest = rest.partition(b"\r\n")
        if not separator:
            break
        size = int(line.split(b";")[0], 16)
        if size == 0:
            return head, chunks, True
        chunks.append(rest[:size])
        rest = rest[size + 2:]
    return head, chunks, False


@dataclass
class SSEEvent:
    event: Optional[str]
    data: str
    id: Optional[str]


def parse_sse(text: str) -> Tuple[List[SSEEvent], Dict[str, Any]]:
    """An event-stream parser after the WHATWG algorithm: CRLF, LF or CR line
    ends, comments, multi-line data joined with LF."""
    events: List[SSEEvent] = []
    seen: Dict[str, Any] = {"comments": 0, "retry": None, "line_ends": set()}
    for ending in ("\r\n", "\r", "\n"):
        if ending in text:
            seen["line_ends"].add(ending)
            if ending == "\r\n":
                text_without = text.replace("\r\n", "")
                if "\r" not in text_without and "\n" not in text_without:
                    break
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    data: List[str] = []
    event: Optional[str] = None
    last_id: Optional[str] = None
    for line in lines:
        if line == "":
            if data:
                events.append(SSEEvent(event, "\n".join(data), last_id))
            data, event = [], None
            continue
        if line.startswith(":"):
            seen["comments"] += 1
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value
        elif name == "id":
            last_id = value
        elif name == "retry":
            seen["retry"] = int(value)
    return events, seen


def validator_for(schema: Dict[str, Any], spec: Dict[str, Any]) -> Draft202012Validator:
    """A validator for ``schema`` whose #/components refs resolve in ``spec``."""
    return Draft202012Validator({**schema, "components": spec["components"]})


# --------------------------------------------------------------------------
# Routing, lifecycle, introspection (small specs)
# --------------------------------------------------------------------------


def test_health_specs_and_unknown_paths(small: RunningServer) -> None:
    assert call(small, "GET", "/__health").json()["status"] == "ok"
    specs = {spec["id"]: spec for spec in call(small, "GET", "/__specs").json()["specs"]}
    assert set(specs) == {"mini", "legacy"}
    answer = call(small, "GET", "/nope/things")
    assert answer.status == 404 and "spec id" in answer.json()["validation_errors"][0]
    answer = call(small, "GET", "/mini/v2/unknown")
    assert answer.status == 404
    answer = call(small, "POST", "/mini/things")
    assert answer.status == 405 and answer.headers["allow"] == "GET"
    answer = call(small, "PUT", "/mini/things/3")
    assert answer.status == 405 and answer.headers["allow"] == "DELETE, GET"
    assert call(small, "GET", "/__nothing").status == 404


def test_server_path_is_optional(small: RunningServer) -> None:
    """The spec's server is https://api.example.com/v2: /mini/v2/... and
    /mini/... reach the same operation."""
    for path in ("/mini/v2/things/3", "/mini/things/3"):
        answer = call(small, "GET", path)
        assert answer.status == 200, answer.body
        assert last(small)["operation_id"] == "getThing"
        assert last(small)["path_params"] == {"id": "3"}


def test_path_parameter_is_validated(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/things/0")
    assert answer.status == 400
    assert answer.errors == ["path parameter 'id': 0 is less than the minimum of 1"]
    assert call(small, "GET", "/mini/things/abc").status == 400


def test_requests_and_reset(small: RunningServer) -> None:
    call(small, "GET", "/mini/things/4")
    call(small, "GET", "/mini/things/0")
    requests = call(small, "GET", "/__requests").json()["requests"]
    assert requests[-2]["accepted"] is True and requests[-2]["operation_id"] == "getThing"
    assert requests[-1]["accepted"] is False and requests[-1]["status"] == 400
    assert call(small, "POST", "/__reset").json() == {"status": "reset"}
    assert call(small, "GET", "/__requests").json() == {"count": 0, "requests": []}
    assert call(small, "GET", "/__last").status == 404


def test_port_file_and_stdin_close(tmp_path: Path) -> None:
    running = start_server(tmp_path, *write_small_specs(tmp_path), "--port-file", str(tmp_path / "port"))
    assert (tmp_path / "port").read_text().strip() == str(running.port)
    assert call(running, "GET", "/mini/public").status == 200
    assert running.stop() == 0


def test_idle_timeout_stops_the_server(tmp_path: Path) -> None:
    running = start_server(tmp_path, *write_small_specs(tmp_path), "--idle-timeout", "1")
    try:
        assert running.process.wait(timeout=10) == 0
    finally:
        if running.process.poll() is None:
            running.process.kill()
    assert "no request for 1 s; exiting" in running.log()


def test_bad_arguments_fail_cleanly(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SERVER), "--spec", str(tmp_path / "missing.yaml")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "does not exist" in result.stderr


# --------------------------------------------------------------------------
# Security (small specs)
# --------------------------------------------------------------------------


def test_security_none_and_root_bearer(small: RunningServer) -> None:
    assert call(small, "GET", "/mini/public").status == 200
    assert last(small)["security"]["required"] is False
    answer = call(small, "GET", "/mini/bearer")
    assert answer.status == 401
    assert answer.json()["expected"] == ["bearer (http bearer: Authorization: Bearer ...)"]
    assert answer.headers["www-authenticate"] == 'Bearer realm="mock"'
    assert call(small, "GET", "/mini/bearer", {"Authorization": "Bearer"}).status == 401
    assert call(small, "GET", "/mini/bearer", {"Authorization": f"Basic {TOKEN}"}).status == 401
    assert call(small, "GET", "/mini/bearer", bearer()).status == 204
    described = last(small)
    assert described["security"]["scheme"] == "bearer"
    assert described["headers"]["authorization"] == "<redacted>"
    assert described["security"]["details"][0]["credential_sha256"] == hashlib.sha256(TOKEN.encode()).hexdigest()
    assert TOKEN not in json.dumps(described)


def test_security_cookie_query_basic(small: RunningServer) -> None:
    assert call(small, "GET", "/mini/cookie").status == 401
    assert call(small, "GET", "/mini/cookie", {"Cookie": "other=1"}).status == 401
    assert call(small, "GET", "/mini/cookie", {"Cookie": "session="}).status == 401
    assert call(small, "GET", "/mini/cookie", {"Cookie": f"theme=x; session={TOKEN}"}).status == 204
    assert last(small)["security"]["scheme"] == "cookieKey"
    assert TOKEN not in json.dumps(last(small))
    assert call(small, "GET", "/mini/query-key").status == 401
    assert call(small, "GET", f"/mini/query-key?api_key={TOKEN}").status == 204
    assert last(small)["query"] == {"api_key": ["<redacted>"]}
    assert call(small, "GET", "/mini/basic", basic("ann", "secret-pass")).status == 204
    for header in ("Basic " + base64.b64encode(b"no-colon").decode(), "Basic !!!notbase64", "Basic "):
        answer = call(small, "GET", "/mini/basic", {"Authorization": header})
        assert answer.status == 401, header
        assert answer.headers["www-authenticate"] == 'Basic realm="mock"'


def test_security_openid_oauth2_and_mutual_tls(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/oidc")
    assert answer.status == 401 and answer.json()["expected"] == [
        "oidc (openIdConnect: Authorization: Bearer <token>)", "oauth (oauth2: Authorization: Bearer <token>)"]
    assert call(small, "GET", "/mini/oidc", basic("a", "b")).status == 401
    assert call(small, "GET", "/mini/oidc", bearer()).status == 204
    assert last(small)["security"]["scheme"] == "oidc"  # scopes are not checked
    answer = call(small, "GET", "/mini/mtls", bearer())
    assert answer.status == 401 and "mutualTLS cannot be satisfied" in answer.errors[0]


def test_security_alternatives_and_conjunctions(small: RunningServer) -> None:
    assert call(small, "GET", "/mini/both", bearer()).status == 401
    assert call(small, "GET", "/mini/both", {"X-Key": "k-1"}).status == 401
    assert call(small, "GET", "/mini/both", {**bearer(), "X-Key": "k-1"}).status == 204
    assert last(small)["security"]["schemes"] == ["headerKey", "bearer"]
    answer = call(small, "GET", "/mini/either")
    assert answer.status == 401 and len(answer.json()["expected"]) == 2
    assert call(small, "GET", "/mini/either", basic("a", "b")).status == 204
    assert last(small)["security"]["scheme"] == "basic"
    assert call(small, "GET", "/mini/either", {"X-Key": "k-2"}).status == 204
    assert last(small)["security"]["scheme"] == "headerKey"


def test_credentials_never_logged(small: RunningServer) -> None:
    secret = "very-secret-" + uuid.uuid4().hex
    call(small, "GET", "/mini/both", {"X-Key": secret})
    call(small, "GET", f"/mini/query-key?api_key={secret}")
    call(small, "GET", "/mini/basic", basic(secret, secret))
    time.sleep(0.2)
    assert secret not in small.log()
    assert secret not in call(small, "GET", "/__requests").body.decode()


# --------------------------------------------------------------------------
# Parameters (small specs)
# --------------------------------------------------------------------------


def test_parameter_styles_accepted(small: RunningServer) -> None:
    query = ("limit=5&tags=a,b&ids=1&ids=2&words=x%20y&pipes=p|q&filter[color]=red&filter[size]=3"
             "&x=1.5&y=2&when=2024-01-02T03:04:05Z")
    answer = call(small, "GET", f"/mini/styles/7?{query}", {"X-Trace": "1, 2", "Cookie": "pref=dark"})
    assert answer.status == 200, answer.body
    values = last(small)["parameters"]
    assert values["path"] == {"id": 7}
    assert values["query"] == {"limit": 5, "tags": ["a", "b"], "ids": [1, 2], "words": ["x", "y"],
                               "pipes": ["p", "q"], "filter": {"color": "red", "size": 3},
                               "point": {"x": 1.5, "y": 2}, "when": "2024-01-02T03:04:05Z"}
    assert values["header"] == {"X-Trace": [1, 2]}
    assert values["cookie"] == {"pref": "dark"}
    assert call(small, "GET", "/mini/matrix/;coords=3;coords=4").status == 204


@pytest.mark.parametrize("query, fragment", [
    ("", "query parameter 'limit': required but missing"),
    ("limit=0", "query parameter 'limit': 0 is less than the minimum of 1"),
    ("limit=1&limit=2", "query parameter 'limit': sent 2 times but it is not an array"),
    ("limit=1&ids=one", "query parameter 'ids'[0]: 'one' is not of type 'integer'"),
    ("limit=1&filter[color]=green", "query parameter 'filter'.color: 'green' is not one of ['red', 'blue']"),
    ("limit=1&filter[shade]=1", "query parameter 'filter': Additional properties are not allowed"),
    ("limit=1&when=yesterday", "query parameter 'when': 'yesterday' is not a 'date-time'"),
    ("limit=1&unknown=1", "query parameter 'unknown': not declared by styles"),
    ("limit=1&tags=a&tags=b", "query parameter 'tags': sent 2 times; with explode: false"),
])
def test_parameter_errors(small: RunningServer, query: str, fragment: str) -> None:
    answer = call(small, "GET", f"/mini/styles/7?{query}")
    assert answer.status == 400
    assert any(fragment in error for error in answer.errors), answer.errors


def test_header_and_cookie_parameter_errors(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/styles/7?limit=1", {"X-Trace": "1, x", "Cookie": "pref=blue"})
    assert answer.status == 400
    assert any(error.startswith("header 'X-Trace'") for error in answer.errors)
    assert any(error.startswith("cookie 'pref'") for error in answer.errors)


# --------------------------------------------------------------------------
# Bodies (small specs)
# --------------------------------------------------------------------------


def test_json_body_3_0_nullable_and_strictness(small: RunningServer) -> None:
    headers, body = json_body({"name": "pen", "note": None, "kind": None})
    answer = call(small, "POST", "/legacy/items", headers, body)
    assert answer.status == 200, answer.body
    assert answer.json()["note"] is None or isinstance(answer.json()["note"], str)
    assert last(small)["json"] == {"name": "pen", "note": None, "kind": None}
    for bad, fragment in (({"note": "x"}, "'name' is a required property"),
                          ({"name": "pen", "kind": "c"}, "body.kind: 'c' is not one of ['a', 'b', None]")):
        headers, body = json_body(bad)
        answer = call(small, "POST", "/legacy/items", headers, body)
        assert answer.status == 400 and any(fragment in error for error in answer.errors), answer.errors
    answer = call(small, "POST", "/legacy/items", {"Content-Type": "application/json"}, b'{"name":"a","name":"b"}')
    assert answer.status == 400 and "more than once" in answer.errors[0]
    answer = call(small, "POST", "/legacy/items", {"Content-Type": "text/plain"}, b"name")
    assert answer.status == 400 and "'text/plain' is not accepted" in answer.errors[0]
    answer = call(small, "POST", "/legacy/items")
    assert answer.status == 400 and "required but missing" in answer.errors[0]


def test_form_body_3_0(small: RunningServer) -> None:
    form = "name=pen+case&price=0.5&metadata[color]=red&metadata[size]=L&sizes=1&sizes=2&active=true"
    answer = call(small, "POST", "/legacy/items", {"Content-Type": "application/x-www-form-urlencoded"},
                  form.encode())
    assert answer.status == 200, answer.body
    assert last(small)["form"] == {"name": "pen case", "price": 0.5, "metadata": {"color": "red", "size": "L"},
                                   "sizes": [1, 2], "active": True}
    for bad, fragment in (("name=a&price=0", "body.price: 0 is less than or equal to the minimum of 0"),
                          ("name=a&colour=red", "body field 'colour': unknown field"),
                          ("price=2", "body: 'name' is a required property"),
                          ("name=a&active=yes", "body.active: 'yes' is not of type 'boolean'"),
                          ("name=a&metadata=flat", "body.metadata: 'flat' is not of type 'object'")):
        answer = call(small, "POST", "/legacy/items", {"Content-Type": "application/x-www-form-urlencoded"},
                      bad.encode())
        assert answer.status == 400 and any(fragment in error for error in answer.errors), (bad, answer.errors)


def test_multipart_body(small: RunningServer) -> None:
    picture = bytes(range(256)) * 40
    headers, body = multipart([("note", None, None, b"hello"), ("count", None, None, b"3"),
                               ("meta", None, "application/json", b'{"a": 1}'),
                               ("labels", None, None, b"x"), ("labels", None, None, b"y"),
                               ("file", "a.png", "image/png", picture),
                               ("pictures", "p1.png", "image/png", b"one"),
                               ("pictures", "p2.png", "image/png", b"two")])
    answer = call(small, "POST", "/mini/files", headers, body)
    assert answer.status == 201, answer.body
    assert answer.headers["location"].startswith(f"http://127.0.0.1:{small.port}/")
    described = last(small)
    parts = {(part["name"], part.get("filename")): part for part in described["parts"]}
    assert parts[("file", "a.png")]["size"] == len(picture)
    assert parts[("file", "a.png")]["sha256"] == hashlib.sha256(picture).hexdigest()
    assert parts[("note", None)]["text"] == "hello"
    assert described["body_sha256"] == hashlib.sha256(body).hexdigest() and described["body_size"] == len(body)


@pytest.mark.parametrize("parts, fragment", [
    ([("note", None, None, b"hello")], "part 'file': required but missing"),
    ([("note", None, None, b"hi"), ("file", None, None, b"x")], "part 'file': is a binary field"),
    ([("note", None, None, b"hi"), ("file", "", "image/png", b"x")], "the filename parameter is empty"),
    ([("note", None, None, b"hi"), ("file", "a.png", None, b"x")], "a file part needs a Content-Type"),
    ([("note", "n.txt", "text/plain", b"hi"), ("file", "a.png", "image/png", b"x")], "sent as a file part"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x"), ("count", None, None, b"three")],
     "part 'count': 'three' is not of type 'integer'"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x"), ("count", None, None, b"12")],
     "part 'count': 12 is greater than the maximum of 9"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x"), ("meta", None, None, b'{"a":1}')],
     "a JSON field must be sent with Content-Type: application/json"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x"), ("meta", None, "application/json", b"{}")],
     "part 'meta': 'a' is a required property"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x"), ("extra", None, None, b"1")],
     "part 'extra': unknown field"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x"), ("file", "b", "image/png", b"y")],
     "part 'file': sent 2 times"),
    ([("note", None, None, b"hi"), ("file", "a", "image/png", b"x")] + [("pictures", "p", "image/png", b"p")] * 3,
     "part 'pictures': 3 files sent; the schema allows 0 to 2"),
])
def test_multipart_errors(small: RunningServer, parts: List[Tuple[str, Optional[str], Optional[str], bytes]],
                          fragment: str) -> None:
    headers, body = multipart(parts)
    answer = call(small, "POST", "/mini/files", headers, body)
    assert answer.status == 400
    assert any(fragment in error for error in answer.errors), answer.errors


def test_multipart_framing_errors(small: RunningServer) -> None:
    headers, body = multipart([("note", None, None, b"hi"), ("file", "a", "image/png", b"x")])
    answer = call(small, "POST", "/mini/files", headers, body.replace(b"\r\n", b"\n"))
    assert answer.status == 400 and "CRLF" in answer.errors[0]
    answer = call(small, "POST", "/mini/files", headers, body[:-20])
    assert answer.status == 400 and "not terminated" in answer.errors[0]
    answer = call(small, "POST", "/mini/files", {"Content-Type": "multipart/form-data"}, body)
    assert answer.status == 400 and "no boundary" in answer.errors[0]


def test_chunked_upload_and_expect_continue(small: RunningServer) -> None:
    payload = b"0123456789" * 5000
    chunked = b"".join(f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
                       for piece in (payload[:1000], payload[1000:31000], payload[31000:])) + b"0\r\n\r\n"
    head = (b"PUT /mini/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
    response = raw_exchange(small.port, head + chunked)
    assert response.startswith(b"HTTP/1.1 200"), response[:200]
    assert last(small)["body_size"] == len(payload) and last(small)["body_framing"] == "chunked"
    with socket.create_connection(("127.0.0.1", small.port), timeout=10) as sock:
        sock.sendall(b"PUT /mini/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     b"Content-Type: application/octet-stream\r\nExpect: 100-continue\r\n"
                     b"Content-Length: 5\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 100")
        sock.sendall(b"hello")
        assert b"HTTP/1.1 200" in sock.recv(1000)
    assert last(small)["body_sha256"] == hashlib.sha256(b"hello").hexdigest()


# --------------------------------------------------------------------------
# Responses (small specs)
# --------------------------------------------------------------------------

MINI_VALIDATORS = {name: validator_for({"$ref": f"#/components/schemas/{name}"}, MINI_SPEC)
                   for name in ("Thing", "Error", "Event")}


def test_response_headers_are_documented_and_valid(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/things/3")
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json"  # the documented Content-Type header is ignored
    assert 5 <= int(answer.headers["x-rate-limit-remaining"]) <= 9
    assert answer.headers["etag"].startswith('"') and answer.headers["x-request-id"]
    MINI_VALIDATORS["Thing"].validate(answer.json())


def test_oracle_status(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/things/3", {"X-Oracle-Status": "204"})
    assert answer.status == 204 and answer.body == b"" and "content-type" not in answer.headers
    answer = call(small, "GET", "/mini/things/3", {"X-Oracle-Status": "404"})
    assert answer.status == 404
    MINI_VALIDATORS["Error"].validate(answer.json())
    answer = call(small, "GET", "/mini/things/3", {"X-Oracle-Status": "500"})
    assert answer.status == 400 and "status 500 is not documented by getThing" in answer.errors[0]
    answer = call(small, "POST", "/mini/jobs", *json_body({"name": "j"}))
    assert answer.status == 202
    assert answer.headers["location"].startswith("http://") and int(answer.headers["retry-after"]) >= 1
    uuid.UUID(answer.json()["id"])
    answer = call(small, "POST", "/mini/jobs", {**json_body({})[0], "X-Oracle-Status": "409"}, b"{}")
    assert answer.status == 409  # the 4XX range
    MINI_VALIDATORS["Error"].validate(answer.json())
    answer = call(small, "POST", "/mini/jobs", {**json_body({})[0], "X-Oracle-Status": "503"}, b"{}")
    assert answer.status == 503 and set(answer.json()) >= {"code", "message"}  # default
    assert call(small, "GET", "/mini/things/3", {"X-Oracle-Status": "abc"}).status == 400
    assert last(small)["status"] == 503


def test_accept_negotiation(small: RunningServer) -> None:
    assert call(small, "GET", "/mini/report").headers["content-type"] == "application/json"
    answer = call(small, "GET", "/mini/report", {"Accept": "application/xml"})
    assert answer.headers["content-type"] == "application/xml; charset=utf-8" and answer.body.startswith(b"<?xml")
    answer = call(small, "GET", "/mini/report", {"Accept": "application/json;q=0.5, text/*;q=0.9"})
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    answer = call(small, "GET", "/mini/report", {"Accept": "text/html, application/json;q=0"})
    assert answer.status == 406 and "none of" in answer.json()["validation_errors"][0]
    assert call(small, "GET", "/mini/report", {"Accept": "*/*;q=0.1"}).status == 200


def test_valid_example_is_used(small: RunningServer) -> None:
    assert call(small, "GET", "/mini/example").json() == {"id": 7, "name": "Seven"}


def test_unknown_mock_header_rejected(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/public", {"X-Mock-Evnets": "3"})
    assert answer.status == 400 and "unknown mock header" in answer.errors[0]


def test_invalid_request_gets_400_even_with_oracle(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/things/0", {"X-Oracle-Status": "204"})
    assert answer.status == 400


# --------------------------------------------------------------------------
# Streams (small specs)
# --------------------------------------------------------------------------


def stream_request(server: RunningServer, path: str, headers: Dict[str, str], body: bytes = b"",
                   method: str = "POST") -> Tuple[bytes, List[bytes], bool]:
    response = raw_exchange(server.port, raw_request(method, path, headers, body))
    return split_chunked(response)


def test_sse_stream_with_discriminated_events(small: RunningServer) -> None:
    headers, body = json_body({"stream": True})
    head, chunks, terminated = stream_request(small, "/mini/feed", {**headers, "X-Mock-Events": "5"}, body)
    assert head.startswith(b"HTTP/1.1 200") and b"Content-Type: text/event-stream" in head
    assert b"Transfer-Encoding: chunked" in head and terminated
    assert len(chunks) == 6  # one chunk per event, then [DONE]
    events, _seen = parse_sse(b"".join(chunks).decode())
    assert [event.event for event in events] == ["started", "progress", "finished", "started", "progress", None]
    assert events[-1].data == "[DONE]"
    for event in events[:-1]:
        value = json.loads(event.data)
        MINI_VALIDATORS["Event"].validate(value)
        assert value["kind"] == event.event
    assert call(small, "GET", "/__last").json()["media_type"] == "text/event-stream"


def test_no_stream_without_asking(small: RunningServer) -> None:
    answer = call(small, "POST", "/mini/feed", *json_body({"stream": False}))
    assert answer.headers["content-type"] == "application/json"
    MINI_VALIDATORS["Thing"].validate(answer.json())
    headers, body = json_body({})
    answer = call(small, "POST", "/mini/feed", {**headers, "Accept": "text/event-stream"}, body)
    assert answer.headers["content-type"] == "text/event-stream"


@pytest.mark.parametrize("line_end", ["lf", "crlf", "cr"])
def test_sse_full_framing(small: RunningServer, line_end: str) -> None:
    headers, body = json_body({"stream": True})
    _head, chunks, terminated = stream_request(small, "/mini/feed", {
        **headers, "X-Mock-SSE-Framing": "full", "X-Mock-SSE-Line-End": line_end, "X-Mock-SSE-Done": "0"}, body)
    text = b"".join(chunks).decode()
    separator = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[line_end]
    assert terminated and text.endswith(separator * 2)
    if line_end != "crlf":
        assert "\r\n" not in text
    events, seen = parse_sse(text)
    assert seen["retry"] == 1000 and seen["comments"] >= 2
    assert [event.id for event in events] == ["1", "2", "3"]
    assert "[DONE]" not in text
    assert "data: {" + separator + "data: " in text  # one event's data split over two data lines
    for event in events:
        MINI_VALIDATORS["Event"].validate(json.loads(event.data))


def test_ndjson_and_json_seq(small: RunningServer) -> None:
    answer = call(small, "GET", "/mini/lines", {"X-Mock-Events": "4"})
    assert answer.headers["content-type"] == "application/x-ndjson"
    lines = answer.body.decode().split("\n")
    assert len(lines) == 5 and lines[-1] == ""
    for line in lines[:-1]:
        MINI_VALIDATORS["Thing"].validate(json.loads(line))
    headers, body = json_body({"stream": True})
    answer = call(small, "POST", "/mini/feed", {**headers, "X-Mock-Stream-Format": "json-seq"}, body)
    assert answer.headers["content-type"] == "application/json-seq"
    records = answer.body.split(b"\x1e")
    assert records[0] == b"" and len(records) == 4
    for record in records[1:]:
        assert record.endswith(b"\n")
        MINI_VALIDATORS["Event"].validate(json.loads(record))
    answer = call(small, "GET", "/mini/things/1", {"X-Mock-Stream-Format": "jsonl"})
    assert answer.status == 400 and "no event stream" in answer.errors[0]


def test_stream_fail_after_closes_abruptly(small: RunningServer) -> None:
    headers, body = json_body({"stream": True})
    head, chunks, terminated = stream_request(small, "/mini/feed", {**headers, "X-Mock-Stream-Fail-After": "2"}, body)
    assert head.startswith(b"HTTP/1.1 200") and not terminated
    events, _seen = parse_sse(b"".join(chunks).decode())
    assert len(events) == 2 and "[DONE]" not in [event.data for event in events]
    with pytest.raises(http.client.IncompleteRead):
        call(small, "POST", "/mini/feed", {**headers, "X-Mock-Stream-Fail-After": "1"}, body)
    record = call(small, "GET", "/__streams").json()["streams"][-1]
    assert record["state"] == "aborted" and record["events_sent"] == 1


def test_stream_delay(small: RunningServer) -> None:
    headers, body = json_body({"stream": True})
    started = time.monotonic()
    answer = call(small, "POST", "/mini/feed", {**headers, "X-Mock-Stream-Delay-Ms": "150"}, body)
    assert time.monotonic() - started >= 0.3
    assert len(parse_sse(answer.body.decode())[0]) == 4


def test_forever_stream_notices_disconnect(small: RunningServer) -> None:
    headers, body = json_body({"stream": True})
    request = raw_request("POST", "/mini/feed", {**headers, "X-Mock-Stream-Forever": "1",
                                                  "X-Mock-Stream-Delay-Ms": "30"}, body)
    with socket.create_connection(("127.0.0.1", small.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while received.count(b"data: ") < 4:
            received += sock.recv(65536)
        stream_id = max(record["id"] for record in call(small, "GET", "/__streams").json()["streams"])
    deadline = time.monotonic() + 5
    record: Dict[str, Any] = {}
    while time.monotonic() < deadline:
        record = next(item for item in call(small, "GET", "/__streams").json()["streams"] if item["id"] == stream_id)
        if record["state"] != "streaming":
            break
        time.sleep(0.05)
    assert record["state"] == "client_cancelled" and record["client_cancelled"] is True
    assert record["forever"] is True and record["events_sent"] >= 4


# --------------------------------------------------------------------------
# Pagination (small specs)
# --------------------------------------------------------------------------


def test_link_header_pagination(small: RunningServer) -> None:
    seen: List[int] = []
    path: Optional[str] = "/mini/things?per_page=4"
    pages = 0
    while path is not None:
        answer = call(small, "GET", path, {"X-Mock-Total-Items": "10"})
        assert answer.status == 200, answer.body
        for item in answer.json():
            MINI_VALIDATORS["Thing"].validate(item)
            seen.append(item["id"])
        pages += 1
        link = answer.headers.get("link", "")
        nexts = [part.split(";")[0].strip()[1:-1] for part in link.split(",") if 'rel="next"' in part]
        path = None
        if nexts:
            assert nexts[0].startswith(f"http://127.0.0.1:{small.port}/mini/things?")
            path = nexts[0].split(str(small.port), 1)[1]
        assert int(answer.headers["x-total"]) >= 1
    assert pages == 3 and sorted(seen) == list(range(1, 11)) and len(seen) == len(set(seen))


def test_cursor_pagination(small: RunningServer) -> None:
    seen: List[str] = []
    cursor: Optional[str] = None
    pages = 0
    while True:
        path = "/mini/events?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = call(small, "GET", path, {"X-Mock-Total-Items": "8"}).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == 8 and len(set(seen)) == 8
    answer = call(small, "GET", "/mini/events?cursor=forged")
    assert answer.status == 400 and "not a cursor this mock handed out" in answer.errors[0]


# --------------------------------------------------------------------------
# Large bodies, with memory measured on a fresh server
# --------------------------------------------------------------------------

FIFTY_MB = 50 * 1024 * 1024


def pattern(offset: int, size: int) -> bytes:
    return bytes((index * 31) % 251 for index in range(offset, offset + size))


def test_large_download_and_upload_stream_with_flat_memory(tmp_path: Path) -> None:
    running = start_server(tmp_path, *write_small_specs(tmp_path))
    try:
        call(running, "GET", "/mini/blob")  # loads the spec
        baseline = running.rss_peak_kb()
        connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=60)
        connection.request("GET", "/mini/blob", headers={"X-Mock-Body-Size": str(FIFTY_MB)})
        response = connection.getresponse()
        assert response.status == 200 and response.getheader("Content-Length") == str(FIFTY_MB)
        assert response.getheader("Content-Type") == "application/octet-stream"
        digest = hashlib.sha256()
        received = 0
        block = pattern(0, 251 * 4096)
        expected = hashlib.sha256()
        while True:
            piece = response.read(1 << 20)
            if not piece:
                break
            digest.update(piece)
            received += len(piece)
        connection.close()
        full, rest = divmod(FIFTY_MB, len(block))
        for _ in range(full):
            expected.update(block)
        expected.update(block[:rest])
        assert received == FIFTY_MB and digest.hexdigest() == expected.hexdigest()
        after_download = running.rss_peak_kb()
        if baseline is not None and after_download is not None:
            assert after_download - baseline < 20 * 1024, (baseline, after_download)

        upload_digest = hashlib.sha256()
        piece = os.urandom(1 << 20)
        with socket.create_connection(("127.0.0.1", running.port), timeout=60) as sock:
            sock.sendall(b"PUT /mini/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                         b"Content-Type: application/octet-stream\r\n"
                         + f"Content-Length: {FIFTY_MB}\r\n\r\n".encode())
            for _ in range(50):
                sock.sendall(piece)
                upload_digest.update(piece)
            reply = sock.recv(4096)
        assert reply.startswith(b"HTTP/1.1 200"), reply
        described = last(running)
        assert described["body_size"] == FIFTY_MB and described["body_sha256"] == upload_digest.hexdigest()

        file_data = os.urandom(1 << 20) * 30
        headers, body = multipart([("note", None, None, b"big"), ("file", "big.bin", "application/octet-stream",
                                                                     file_data)])
        answer = call(running, "POST", "/mini/files", headers, body)
        assert answer.status == 201, answer.body[:300]
        part = next(part for part in last(running)["parts"] if part["name"] == "file")
        assert part["size"] == len(file_data) and part["sha256"] == hashlib.sha256(file_data).hexdigest()
        del body, file_data
        peak = running.rss_peak_kb()
        if baseline is not None and peak is not None:
            assert peak - baseline < 20 * 1024, (baseline, peak)
    finally:
        assert running.stop() == 0


# --------------------------------------------------------------------------
# The streaming multipart parser agrees with validating_server's
# --------------------------------------------------------------------------

B = b"--xYz"
MULTIPART_CASES = [
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n' + B + b"--\r\n",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: form-data; name="f"; filename="x%22y.png"\r\nContent-Type: image/png\r\n\r\n'
    + bytes(range(256)) * 50 + b"\r\n" + B + b'\r\nContent-Disposition: form-data; name="b"\r\n\r\n\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nline\r\n--xY not a boundary\r\n' + B + b"--\r\n",
    B + b'\r\n\r\nno headers\r\n' + B + b"--",
    B + b'\n' + b'Content-Disposition: form-data; name="a"\n\nx\n' + B + b"--\n",
    b"preamble\r\n" + B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n' + B,
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n' + B + b"--\r\nepilogue",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nx',
    B + b'\r\nContent-Disposition: form-data; name="a"; filename*=utf-8\'\'x\r\n\r\nx\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\nX-Other: 1\r\n\r\nx\r\n' + B + b"--",
    B + b'\r\nContent-Type: text/plain\r\n\r\nx\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n' + B + b"  \r\n",
    B + b"--",
    b"",
    B + b'\r\nContent-Disposition: form-data; name=""\r\n\r\nx\r\n' + B + b"--",
    B + b'\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{}\r\n'
    + B + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\n' + b"\r\n" * 40 + b"\r\n" + B + b"--\r\n",
]


@pytest.mark.parametrize("case", range(len(MULTIPART_CASES)))
def test_streaming_multipart_parser_matches_validating_server(case: int) -> None:
    body = MULTIPART_CASES[case]
    try:
        expected = [(part.name, part.filename, part.content_type, len(part.body),
                     hashlib.sha256(part.body).hexdigest()) for part in validating_server.parse_multipart(body, "xYz")]
        expected_error = None
    except ValueError as exc:
        expected, expected_error = None, str(exc)
    for piece in (1, 2, 3, 7, 64, 100000):
        try:
            got = [(part.name, part.filename, part.content_type, part.size, part.sha256)
                   for part in conformance_server.parse_multipart_stream(body, "xYz", piece)]
            got_error = None
        except ValueError as exc:
            got, got_error = None, str(exc)
        assert got == expected, (piece, got_error, expected_error)
        assert (got_error is None) == (expected_error is None), (piece, got_error, expected_error)


# --------------------------------------------------------------------------
# The corpus: routing and timings
# --------------------------------------------------------------------------

_OPERATIONS: Dict[Tuple[int, str], List[Dict[str, Any]]] = {}
FIRST_REQUEST_SECONDS: Dict[str, float] = {}


def operations(server: RunningServer, spec_id: str) -> List[Dict[str, Any]]:
    key = (server.port, spec_id)
    if key not in _OPERATIONS:
        started = time.monotonic()
        answer = call(server, "GET", f"/__operations/{spec_id}")
        FIRST_REQUEST_SECONDS.setdefault(spec_id, time.monotonic() - started)
        assert answer.status == 200, answer.body
        _OPERATIONS[key] = answer.json()["operations"]
    return _OPERATIONS[key]


def example(server: RunningServer, spec_id: str, operation_id: str, method: Optional[str] = None,
            ) -> Dict[str, Any]:
    """A valid request for the operation, built by /__example."""
    found = [operation for operation in operations(server, spec_id) if operation["operation_id"] == operation_id
             and (method is None or operation["method"] == method)]
    assert found, f"{spec_id} has no operation {operation_id}"
    answer = call(server, "GET", f"/__example/{spec_id}/{found[0]['index']}")
    assert answer.status == 200, answer.body
    return answer.json()


def send(server: RunningServer, request: Dict[str, Any], headers: Optional[Dict[str, Optional[str]]] = None,
         path: Optional[str] = None) -> Answer:
    """Sends an example request, with headers replaced (None removes one)."""
    merged: Dict[str, str] = dict(request["headers"])
    for name, value in (headers or {}).items():
        merged.pop(name, None)
        if value is not None:
            merged[name] = value
    return call(server, request["method"], path or request["path"], merged, base64.b64decode(request["body_base64"]))


BIG_SPECS = ("openai--openapi", "stripe--spec3", "box--openapi", "discord--openapi", "twilio--twilio_api_v2010",
             "stability--openapi", "anthropic--hosted_spec")


def test_first_request_to_each_big_spec(corpus: RunningServer) -> None:
    """Specs load lazily; the first request to a big spec's prefix pays for it.
    Measured here (CSafeLoader YAML, JSON): a few seconds at most."""
    timings = {}
    for spec_id in BIG_SPECS:
        started = time.monotonic()
        answer = call(corpus, "GET", f"/{spec_id}/no/such/path")
        timings[spec_id] = time.monotonic() - started
        assert answer.status == 404
        started = time.monotonic()
        assert call(corpus, "GET", f"/{spec_id}/no/such/path").status == 404
        assert time.monotonic() - started < 1.0  # loaded once, cached
    loaded = {spec["id"]: spec for spec in call(corpus, "GET", "/__specs").json()["specs"]}
    print(f"\nserver start {corpus.started_seconds:.2f} s; first request per spec: "
          + ", ".join(f"{spec_id} {seconds:.2f} s (load {loaded[spec_id]['load_seconds']} s)"
                      for spec_id, seconds in timings.items()))
    for spec_id, seconds in timings.items():
        assert loaded[spec_id]["loaded"] and seconds < 30, (spec_id, seconds)


@pytest.mark.parametrize("spec_id, operation_id, server_path", [
    ("openai--openapi", "listModels", "/v1"),
    ("anthropic--hosted_spec", "beta_message_batches_list", ""),
    ("stripe--spec3", "GetCustomers", ""),
    ("discord--openapi", "get_my_user", "/api/v10"),
    ("twilio--twilio_api_v2010", "ListCall", ""),
    ("box--openapi", "get_files_id", "/2.0"),
    ("swagger-petstore-v31--openapi", "getPetById", "/api/v31"),
    ("swagger-petstore--openapi", "findPetsByStatus", "/api/v3"),
    ("replicate--openapi", "account.get", "/v1"),
    ("stability--openapi", "POST /v2beta/stable-image/edit/erase", ""),
])
def test_routing_with_and_without_server_path(corpus: RunningServer, spec_id: str, operation_id: str,
                                              server_path: str) -> None:
    request = example(corpus, spec_id, operation_id)
    prefix = f"/{spec_id}"
    paths = [request["path"]]
    if server_path:
        paths.append(prefix + server_path + request["path"][len(prefix):])
    for path in paths:
        answer = send(corpus, request, path=path)
        assert 200 <= answer.status < 300, (path, answer.status, answer.body[:300])
        described = last(corpus)
        assert described["spec_id"] == spec_id and described["operation_id"] == operation_id
        assert described["api_path"] == request["path"][len(prefix):].split("?")[0]


def test_concrete_path_wins_and_405(corpus: RunningServer) -> None:
    answer = call(corpus, "GET", "/discord--openapi/users/@me", {"Authorization": "Bot " + TOKEN})
    assert answer.status == 200 and last(corpus)["operation_id"] == "get_my_user"
    answer = call(corpus, "GET", "/discord--openapi/users/80351110224678912", {"Authorization": "Bot " + TOKEN})
    assert answer.status == 200 and last(corpus)["operation_id"] == "get_user"
    answer = call(corpus, "PUT", "/discord--openapi/users/@me", {"Authorization": "Bot " + TOKEN})
    assert answer.status == 405 and answer.headers["allow"] == "GET, PATCH"
    answer = call(corpus, "GET", "/openai--openapi/v1/no-such-thing", bearer())
    assert answer.status == 404 and "/v1" in answer.errors[0]


# --------------------------------------------------------------------------
# The corpus: security as each spec declares it
# --------------------------------------------------------------------------


def test_anthropic_x_api_key(corpus: RunningServer) -> None:
    """The mirror declares no security scheme; its x-api-key header parameter
    (where an operation declares it) is treated as an apiKey credential."""
    request = example(corpus, "anthropic--hosted_spec", "beta_message_batches_list", "GET")
    assert request["headers"] == {"x-api-key": "mock-api-key"}
    answer = send(corpus, request, {"x-api-key": None})
    assert answer.status == 401 and "x-api-key (implied header parameter)" in answer.json()["expected"][0]
    assert send(corpus, request, {"x-api-key": ""}).status == 401
    assert send(corpus, request, {"x-api-key": TOKEN}).status == 200
    described = last(corpus)
    assert described["headers"]["x-api-key"] == "<redacted>" and TOKEN not in json.dumps(described)
    assert described["security"]["scheme"] == "x-api-key (implied header parameter)"


def test_discord_bot_token_and_oauth2(corpus: RunningServer) -> None:
    """Discord declares BotToken as apiKey in the Authorization header (any
    non-empty value, e.g. "Bot <token>") and OAuth2 as an alternative."""
    request = example(corpus, "discord--openapi", "list_my_guilds")
    answer = send(corpus, request, {"Authorization": None})
    assert answer.status == 401
    assert answer.json()["expected"][0] == "BotToken (apiKey in header 'Authorization')"
    assert send(corpus, request, {"Authorization": "Bot " + TOKEN}).status == 200
    assert last(corpus)["security"]["scheme"] == "BotToken"
    assert send(corpus, request, {"Authorization": "Bearer " + TOKEN}).status == 200
    assert send(corpus, request, {"Authorization": " "}).status == 401
    anonymous = example(corpus, "discord--openapi", "get_gateway")
    assert send(corpus, anonymous, {"Authorization": None}).status == 200
    assert last(corpus)["security"]["scheme"] == "(anonymous)"


def test_twilio_basic(corpus: RunningServer) -> None:
    request = example(corpus, "twilio--twilio_api_v2010", "ListCall")
    account = request["path"].split("/Accounts/")[1].split("/")[0]
    assert send(corpus, request, basic(account, TOKEN)).status == 200
    assert last(corpus)["security"]["details"][0]["user_sha256"] == hashlib.sha256(account.encode()).hexdigest()
    for header in (None, "Bearer " + TOKEN, "Basic " + base64.b64encode(account.encode()).decode(), "Basic %%%"):
        answer = send(corpus, request, {"Authorization": header})
        assert answer.status == 401, header
        assert answer.json()["expected"] == ["accountSid_authToken (http basic: Authorization: Basic ...)"]


def test_stripe_basic_or_bearer(corpus: RunningServer) -> None:
    request = example(corpus, "stripe--spec3", "GetBalance")
    assert send(corpus, request, basic("sk_test_" + TOKEN, "")).status == 200
    assert last(corpus)["security"]["scheme"] == "basicAuth"
    assert send(corpus, request, bearer("sk_test_" + TOKEN)).status == 200
    assert last(corpus)["security"]["scheme"] == "bearerAuth"
    answer = send(corpus, request, {"Authorization": None})
    assert answer.status == 401 and len(answer.json()["expected"]) == 2
    assert answer.headers["www-authenticate"] == 'Basic realm="mock", Bearer realm="mock"'


def test_petstore_api_key_or_oauth(corpus: RunningServer) -> None:
    request = example(corpus, "swagger-petstore-v31--openapi", "getPetById")
    assert send(corpus, request, {"Authorization": None, "api_key": TOKEN}).status == 200
    assert last(corpus)["security"]["scheme"] == "api_key"
    assert send(corpus, request, {"Authorization": None}).status == 401
    assert send(corpus, request, bearer()).status == 200
    update = example(corpus, "swagger-petstore-v31--openapi", "updatePet")
    assert send(corpus, update, {"Authorization": None, "api_key": TOKEN}).status == 401  # oauth only


def test_box_security_empty_list(corpus: RunningServer) -> None:
    request = example(corpus, "box--openapi", "post_oauth2_revoke")
    assert "Authorization" not in request["headers"]
    assert send(corpus, request).status == 200
    assert last(corpus)["security"]["required"] is False


# --------------------------------------------------------------------------
# The corpus: responses
# --------------------------------------------------------------------------


def test_oracle_status_on_the_corpus(corpus: RunningServer) -> None:
    discord_delete = example(corpus, "discord--openapi", "delete_message")
    answer = send(corpus, discord_delete)
    assert answer.status == 204 and answer.body == b"" and "content-type" not in answer.headers
    for name in ("x-ratelimit-limit", "x-ratelimit-remaining"):
        int(answer.headers[name])
    float(answer.headers["x-ratelimit-reset-after"])
    answer = send(corpus, discord_delete, {"X-Oracle-Status": "429"})
    assert answer.status == 429 and "retry_after" in answer.json()
    answer = send(corpus, discord_delete, {"X-Oracle-Status": "418"})
    assert answer.status == 418  # the 4XX range
    answer = send(corpus, discord_delete, {"X-Oracle-Status": "503"})
    assert answer.status == 400 and "503 is not documented by delete_message" in answer.errors[0]

    box_delete = example(corpus, "box--openapi", "delete_files_id")
    assert send(corpus, box_delete, {"X-Oracle-Status": "204"}).status == 204
    answer = send(corpus, box_delete, {"X-Oracle-Status": "404"})
    assert answer.status == 404 and answer.json()["type"] == "error"
    assert send(corpus, box_delete, {"X-Oracle-Status": "599"}).status == 599  # default
    thumbnail = example(corpus, "box--openapi", "get_files_id_thumbnail_id")
    answer = send(corpus, thumbnail, {"X-Oracle-Status": "202"})
    assert answer.status == 202 and answer.body == b""
    assert int(answer.headers["retry-after"]) >= 0 and answer.headers["location"]
    answer = send(corpus, thumbnail)
    assert answer.status == 200 and answer.headers["content-type"] in ("image/jpg", "image/png")
    answer = send(corpus, thumbnail, {"Accept": "image/png", "X-Mock-Body-Size": "300"})
    assert answer.headers["content-type"] == "image/png" and answer.body == pattern(0, 300)
    answer = send(corpus, example(corpus, "box--openapi", "get_files_id"), {"X-Oracle-Status": "304"})
    assert answer.status == 304 and answer.body == b""


def test_accept_on_the_corpus(corpus: RunningServer) -> None:
    request = example(corpus, "swagger-petstore-v31--openapi", "getPetById")
    assert send(corpus, request).headers["content-type"] == "application/json"
    answer = send(corpus, request, {"Accept": "application/xml"})
    assert answer.status == 200 and answer.body.startswith(b"<?xml") and b"<Pet>" in answer.body
    answer = send(corpus, request, {"Accept": "text/html"})
    assert answer.status == 406
    speech = example(corpus, "openai--openapi", "createSpeech")
    answer = send(corpus, speech, {"X-Mock-Body-Size": "1000"})
    assert answer.headers["content-type"] == "application/octet-stream" and answer.body == pattern(0, 1000)
    assert "transfer-encoding" not in answer.headers  # the documented Transfer-Encoding header is not sent


def test_stripe_form_bodies(corpus: RunningServer) -> None:
    form = ("email=jenny%40example.com&description=Jenny+R.&metadata[order_id]=6735&metadata[note]=&"
            "preferred_locales[0]=en&preferred_locales[1]=fr&address[city]=Paris&balance=-500&"
            "invoice_settings[custom_fields][0][name]=VAT&invoice_settings[custom_fields][0][value]=FR1&"
            "expand[]=tax&tax_exempt=none")
    headers = {**bearer("sk_test_" + TOKEN), "Content-Type": "application/x-www-form-urlencoded"}
    answer = call(corpus, "POST", "/stripe--spec3/v1/customers", headers, form.encode())
    assert answer.status == 200, answer.body
    assert answer.json()["object"] == "customer"
    assert last(corpus)["form"] == {
        "email": "jenny@example.com", "description": "Jenny R.", "metadata": {"order_id": "6735", "note": ""},
        "preferred_locales": ["en", "fr"], "address": {"city": "Paris"}, "balance": -500,
        "invoice_settings": {"custom_fields": [{"name": "VAT", "value": "FR1"}]}, "expand": ["tax"],
        "tax_exempt": "none"}
    for bad, fragment in (("emial=x", "body field 'emial': unknown field"),
                          ("balance=ten", "body.balance: 'ten' is not of type 'integer'"),
                          ("tax_exempt=sometimes", "body.tax_exempt"),
                          ("invoice_settings[custom_fields][0][name]=VAT", "body.invoice_settings")):
        answer = call(corpus, "POST", "/stripe--spec3/v1/customers", headers, bad.encode())
        assert answer.status == 400 and any(fragment in error for error in answer.errors), (bad, answer.errors)
    # Nested objects without additionalProperties: false take unknown keys
    # (only unknown top-level fields are rejected).
    assert call(corpus, "POST", "/stripe--spec3/v1/customers", headers, b"address[planet]=Mars").status == 200
    answer = call(corpus, "POST", "/stripe--spec3/v1/customers", {**headers, "Content-Type": "application/json"},
                  b"{}")
    assert answer.status == 400 and "is not accepted by PostCustomers" in answer.errors[0]


def test_openai_multipart_image_edit(corpus: RunningServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    headers, body = multipart([("image", "photo.png", "image/png", png),
                               ("prompt", None, None, b"Add a watercolor effect"),
                               ("model", None, None, b"gpt-image-1"), ("n", None, None, b"2"),
                               ("size", None, None, b"1024x1024")])
    answer = call(corpus, "POST", "/openai--openapi/v1/images/edits", {**headers, **bearer()}, body)
    assert answer.status == 200, answer.body
    assert isinstance(answer.json()["created"], int)
    described = last(corpus)
    assert described["operation_id"] == "createImageEdit"
    image = next(part for part in described["parts"] if part["name"] == "image")
    assert image["sha256"] == hashlib.sha256(png).hexdigest() and image["size"] == len(png)
    headers, body = multipart([("image[]", "a.png", "image/png", png), ("image[]", "b.png", "image/png", png),
                               ("prompt", None, None, b"Two images")])
    assert call(corpus, "POST", "/openai--openapi/images/edits", {**headers, **bearer()}, body).status == 200
    for parts, fragment in (([("prompt", None, None, b"x")], "part 'image': required but missing"),
                            ([("image", None, None, b"text"), ("prompt", None, None, b"x")],
                             "part 'image': is a binary field"),
                            ([("image", "a.png", "image/png", png), ("prompt", None, None, b"x"),
                              ("n", None, None, b"many")], "part 'n'")):
        headers, body = multipart(parts)
        answer = call(corpus, "POST", "/openai--openapi/images/edits", {**headers, **bearer()}, body)
        assert answer.status == 400 and any(fragment in error for error in answer.errors), answer.errors


# --------------------------------------------------------------------------
# The corpus: streams
# --------------------------------------------------------------------------

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello"}], "stream": True}
MESSAGE = {"model": "claude-3-5-sonnet-latest", "max_tokens": 64, "stream": True,
           "messages": [{"role": "user", "content": "Hello"}]}


def test_openai_chat_completion_stream(corpus: RunningServer) -> None:
    headers, body = json_body(CHAT)
    head, chunks, terminated = stream_request(corpus, "/openai--openapi/v1/chat/completions",
                                              {**headers, **bearer(), "X-Mock-SSE-Framing": "full"}, body)
    assert terminated and b"Content-Type: text/event-stream" in head
    events, seen = parse_sse(b"".join(chunks).decode())
    assert seen["retry"] == 1000
    assert [event.data for event in events][-1] == "[DONE]" and len(events) == 4
    for event in events[:-1]:
        assert event.event is None  # a single schema: data-only events
        assert json.loads(event.data)["object"] == "chat.completion.chunk"
    non_streaming = call(corpus, "POST", "/openai--openapi/chat/completions",
                         {**headers, **bearer()}, json.dumps({**CHAT, "stream": False}).encode())
    assert non_streaming.json()["object"] == "chat.completion"


def test_openai_responses_stream_names_events(corpus: RunningServer) -> None:
    headers, body = json_body({"model": "gpt-4o", "input": "Hi", "stream": True})
    answer = call(corpus, "POST", "/openai--openapi/responses", {**headers, **bearer(), "X-Mock-Events": "6"}, body)
    events, _seen = parse_sse(answer.body.decode())
    assert len(events) == 6 and "[DONE]" not in answer.body.decode()
    for event in events:
        assert event.event == json.loads(event.data)["type"]
    assert len({event.event for event in events}) == 6


def test_anthropic_message_stream(corpus: RunningServer) -> None:
    """The response documents only application/json; with "stream": true the
    MessageStreamEvent component (the JSON schema's name + StreamEvent) is
    streamed, each event named by its discriminator."""
    headers, body = json_body(MESSAGE)
    answer = call(corpus, "POST", "/anthropic--hosted_spec/v1/messages", {**headers, "X-Mock-Events": "6"}, body)
    assert answer.headers["content-type"] == "text/event-stream"
    events, _seen = parse_sse(answer.body.decode())
    assert [event.event for event in events] == ["message_start", "message_delta", "message_stop",
                                                 "content_block_start", "content_block_delta",
                                                 "content_block_stop"]
    for event in events:
        assert json.loads(event.data)["type"] == event.event
    plain = call(corpus, "POST", "/anthropic--hosted_spec/v1/messages", headers,
                 json.dumps({**MESSAGE, "stream": False}).encode())
    assert plain.json()["type"] == "message"


def test_jsonl_documented_and_json_seq_forced(corpus: RunningServer) -> None:
    request = example(corpus, "anthropic--hosted_spec", "beta_message_batches_results", "GET")
    answer = send(corpus, request, {"X-Mock-Events": "3"})
    assert answer.headers["content-type"] == "application/x-jsonl"
    lines = answer.body.decode().splitlines()
    assert len(lines) == 3 and all("custom_id" in json.loads(line) for line in lines)
    headers, body = json_body(CHAT)
    answer = call(corpus, "POST", "/openai--openapi/chat/completions",
                  {**headers, **bearer(), "X-Mock-Stream-Format": "json-seq"}, body)
    assert answer.headers["content-type"] == "application/json-seq"
    records = answer.body.split(b"\x1e")[1:]
    assert len(records) == 3 and all(json.loads(record)["object"] == "chat.completion.chunk" for record in records)
    answer = call(corpus, "POST", "/openai--openapi/chat/completions",
                  {**headers, **bearer(), "X-Mock-Stream-Format": "jsonl"}, body)
    assert answer.headers["content-type"] == "application/jsonl" and len(answer.body.splitlines()) == 3


def test_corpus_stream_fail_after_and_cancel(corpus: RunningServer) -> None:
    headers, body = json_body(CHAT)
    _head, chunks, terminated = stream_request(corpus, "/openai--openapi/chat/completions",
                                               {**headers, **bearer(), "X-Mock-Stream-Fail-After": "2"}, body)
    assert not terminated and len(parse_sse(b"".join(chunks).decode())[0]) == 2
    request = raw_request("POST", "/openai--openapi/chat/completions",
                          {**headers, **bearer(), "X-Mock-Stream-Forever": "1"}, body)
    with socket.create_connection(("127.0.0.1", corpus.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while received.count(b"data: ") < 3:
            received += sock.recv(65536)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        record = call(corpus, "GET", "/__streams").json()["streams"][-1]
        if record["state"] != "streaming":
            break
        time.sleep(0.05)
    assert record["state"] == "client_cancelled" and record["events_sent"] >= 3


# --------------------------------------------------------------------------
# The corpus: pagination
# --------------------------------------------------------------------------


def test_stripe_pagination_walk(corpus: RunningServer) -> None:
    headers = {**bearer("sk_test_" + TOKEN), "X-Mock-Total-Items": "23"}
    seen: List[str] = []
    path = "/stripe--spec3/v1/customers?limit=5"
    while True:
        body = call(corpus, "GET", path, headers).json()
        assert body["object"] == "list" and body["url"] == "/v1/customers"
        seen += [customer["id"] for customer in body["data"]]
        assert all(customer["object"] == "customer" for customer in body["data"])
        if not body["has_more"]:
            break
        path = f"/stripe--spec3/v1/customers?limit=5&starting_after={body['data'][-1]['id']}"
    assert seen == [f"customer_{number:04d}" for number in range(1, 24)]
    backwards: List[str] = []
    path = "/stripe--spec3/v1/customers?limit=10&ending_before=customer_0023"
    while True:
        body = call(corpus, "GET", path, headers).json()
        backwards = [customer["id"] for customer in body["data"]] + backwards
        if not body["has_more"]:
            break
        path = f"/stripe--spec3/v1/customers?limit=10&ending_before={body['data'][0]['id']}"
    assert backwards == seen[:-1]
    assert call(corpus, "GET", "/stripe--spec3/v1/customers?starting_after=cus_nope", headers).status == 400
    body = call(corpus, "GET", "/stripe--spec3/v1/charges?limit=100", headers).json()
    assert len(body["data"]) == 23 and body["has_more"] is False


def test_openai_after_cursor_walk(corpus: RunningServer) -> None:
    seen: List[str] = []
    path = "/openai--openapi/files?limit=4"
    while True:
        body = call(corpus, "GET", path, {**bearer(), "X-Mock-Total-Items": "10"}).json()
        seen += [item["id"] for item in body["data"]]
        assert body["last_id"] == body["data"][-1]["id"] and body["first_id"] == body["data"][0]["id"]
        if not body["has_more"]:
            break
        path = f"/openai--openapi/files?limit=4&after={body['last_id']}"
    assert len(seen) == 10 and len(set(seen)) == 10


def test_box_marker_walk(corpus: RunningServer) -> None:
    request = example(corpus, "box--openapi", "get_folders_id_items")
    base = request["path"].split("?")[0]
    seen: List[str] = []
    marker: Optional[str] = None
    while True:
        path = f"{base}?usemarker=true&limit=6" + (f"&marker={marker}" if marker else "")
        answer = send(corpus, request, {"X-Mock-Total-Items": "14"}, path=path)
        assert answer.status == 200, answer.body[:300]
        body = answer.json()
        seen += [entry["id"] for entry in body["entries"]]
        marker = body.get("next_marker")
        if not marker:
            break
    assert len(seen) == 14 and len(set(seen)) == 14


def test_lists_the_mock_does_not_paginate_end_on_one_page(corpus: RunningServer) -> None:
    """Replicate's next/previous URLs carry an undeclared cursor parameter, so
    the mock does not paginate them: they are null (not a made-up URL a client
    would follow off the mock), and nested lists say has_more: false."""
    body = send(corpus, example(corpus, "replicate--openapi", "predictions.list")).json()
    assert body["next"] is None and body["previous"] is None
    customer = call(corpus, "GET", "/stripe--spec3/v1/customers/cus_1", bearer()).json()
    assert customer["sources"]["has_more"] is False


# --------------------------------------------------------------------------
# The corpus: every synthesized response validates
# --------------------------------------------------------------------------

#: Operations no valid request exists for, because of the spec itself.
UNSATISFIABLE = {("discord--openapi", "action_guild_join_request"): "the action property has enum: []"}
SAMPLE_PER_SPEC = int(os.environ.get("CONFORMANCE_SAMPLE", "40"))


def corpus_spec_ids() -> List[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(path.rsplit(".", 1)[0] for path in os.listdir(CORPUS)
                  if path.endswith((".yaml", ".yml", ".json")))


@pytest.mark.parametrize("spec_id", corpus_spec_ids() or ["(no corpus)"])
def test_sampled_operations_answer_valid_responses(corpus: RunningServer, spec_id: str) -> None:
    """For a spread sample of each spec's operations (all of them with
    CONFORMANCE_SAMPLE=0), a request built by /__example is accepted and
    answered with the default response, which the server validates against
    the spec before sending it (a synthesis bug would be a 500 here)."""
    found = operations(corpus, spec_id)
    step = max(1, len(found) // SAMPLE_PER_SPEC) if SAMPLE_PER_SPEC else 1
    sample = found[::step]
    failures = []
    for operation in sample:
        if (spec_id, operation["operation_id"]) in UNSATISFIABLE:
            continue
        built = call(corpus, "GET", f"/__example/{spec_id}/{operation['index']}")
        if built.status != 200:
            failures.append((operation["operation_id"], "example", built.body[:300]))
            continue
        request = built.json()
        answer = send(corpus, request)
        if not 200 <= answer.status < 400:
            failures.append((operation["operation_id"], answer.status, answer.body[:300]))
            continue
        content_type = answer.headers.get("content-type", "")
        if "json" in content_type and "seq" not in content_type and "l" != content_type[-1:]:
            json.loads(answer.body)
        elif content_type.startswith("text/event-stream"):
            assert parse_sse(answer.body.decode())[0]
    assert not failures, failures
