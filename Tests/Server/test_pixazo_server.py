"""Tests of pixazo_server.py, run against a real server subprocess.

    bash Tests/Server/setup-venv.sh && .venv/bin/python -m pytest -q Tests/Server

The server is started with spec/pixazo-openapi.yml, its stdin a pipe that
is closed to stop it. Requests are built by hand with http.client, the
multipart ones the way the Swift client builds them. Every 200 (and every
documented error) is checked against the spec with openapi-core's response
validator, independently of the server's own check.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

import pytest
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SERVER = HERE / "pixazo_server.py"
SPEC = ROOT / "spec" / "pixazo-openapi.yml"
KEY_HEADER = "Ocp-Apim-Subscription-Key"
API_KEY = "pz-test-" + "c0ffee5eed1234abcd" * 2
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0" + b"jpeg-bytes" * 50

SUBMIT = "/ideogram-remove-background/v1/ideogram-remove-background-request"
STATUS = "/v2/requests/status/"
UNAUTHORIZED = {"error": "Unauthorized", "message": "Missing or invalid Ocp-Apim-Subscription-Key header."}
JOB_ID = re.compile(r"ideogram-remove-background_([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})")


# --------------------------------------------------------------------------
# Starting the server
# --------------------------------------------------------------------------


@dataclass
class RunningServer:
    process: subprocess.Popen
    port: int
    log_path: Path

    def stop(self, timeout: float = 10) -> int:
        """Closes stdin, which must make the server exit; returns its code."""
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


def start_server(tmp_dir: Path, *extra: str) -> RunningServer:
    log_path = tmp_dir / f"pixazo-{uuid.uuid4().hex[:8]}.log"
    command = [sys.executable, str(SERVER), "--port", "0", "--spec", str(SPEC), *extra]
    log = open(log_path, "wb")
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, cwd=str(ROOT))
    log.close()
    lines: List[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline().decode()), daemon=True)
    reader.start()
    reader.join(timeout=60)
    if not lines or not lines[0].startswith("LISTENING http://127.0.0.1:"):
        process.kill()
        process.wait()
        raise AssertionError(f"the server did not start: {lines!r}\n{log_path.read_text()}")
    return RunningServer(process, int(lines[0].strip().rsplit(":", 1)[1]), log_path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterable[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("pixazo"))
    yield running
    assert running.stop() == 0


# --------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------


@dataclass
class Part:
    name: str
    body: bytes
    filename: Optional[str] = None
    content_type: Optional[str] = None

    @staticmethod
    def text(name: str, value: str) -> "Part":
        return Part(name, value.encode("utf-8"))

    @staticmethod
    def json(name: str, value: object) -> "Part":
        return Part(name, json.dumps(value).encode("utf-8"), content_type="application/json")

    @staticmethod
    def file(name: str, data: bytes = PNG, filename: str = "image.png", content_type: str = "image/png") -> "Part":
        return Part(name, data, filename=filename, content_type=content_type)


def encode_multipart(parts: Sequence[Part], boundary: str = "----pixazo-boundary-0123456789") -> Tuple[bytes, str]:
    body = b""
    for part in parts:
        body += f"--{boundary}\r\n".encode()
        disposition = f'Content-Disposition: form-data; name="{part.name}"'
        if part.filename is not None:
            disposition += f'; filename="{part.filename}"'
        body += disposition.encode() + b"\r\n"
        if part.content_type is not None:
            body += f"Content-Type: {part.content_type}\r\n".encode()
        body += b"\r\n" + part.body + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class Reply:
    status: int
    headers: Dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)

    @property
    def errors(self) -> List[str]:
        body = self.json()
        assert isinstance(body, dict) and "validation_errors" in body, body
        return body["validation_errors"]


def send(server: RunningServer, method: str, path: str, body: Optional[bytes] = None,
         content_type: Optional[str] = None, headers: Optional[Dict[str, str]] = None,
         api_key: Optional[str] = API_KEY, host: str = "127.0.0.1", timeout: float = 30) -> Reply:
    """One request on a fresh connection to ``host``:PORT."""
    all_headers: Dict[str, str] = {}
    if api_key is not None:
        all_headers[KEY_HEADER] = api_key
    if content_type is not None:
        all_headers["Content-Type"] = content_type
    all_headers.update(headers or {})
    connection = http.client.HTTPConnection(host, server.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def send_json(server: RunningServer, path: str, value: object, **options: object) -> Reply:
    return send(server, "POST", path, json.dumps(value).encode(), "application/json", **options)  # type: ignore


def send_form(server: RunningServer, path: str, parts: Sequence[Part], **options: object) -> Reply:
    body, content_type = encode_multipart(parts)
    return send(server, "POST", path, body, content_type, **options)  # type: ignore[arg-type]


def get_url(server: RunningServer, url: str, **options: object) -> Reply:
    """GET an absolute URL the server handed out (it must point at it)."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.port == server.port, url
    return send(server, "GET", parts.path, host=parts.hostname, **options)  # type: ignore[arg-type]


def introspect(server: RunningServer, path: str) -> Dict[str, object]:
    reply = send(server, "GET", path, api_key=None)
    assert reply.status == 200, reply.body
    return reply.json()  # type: ignore[return-value]


def job_info(server: RunningServer, request_id: str) -> Dict[str, object]:
    jobs = introspect(server, "/__jobs")["jobs"]
    return next(job for job in jobs if job["request_id"] == request_id)  # type: ignore[union-attr,index]


def submit(server: RunningServer, mode: Optional[str] = None, headers: Optional[Dict[str, str]] = None,
           **options: object) -> Dict[str, str]:
    headers = {**(headers or {}), **({"X-Test-Failure": mode} if mode else {})}
    reply = send_json(server, SUBMIT, {"image_url": "https://example.com/photo.jpeg"}, headers=headers, **options)
    assert reply.status == 200, reply.body
    assert_valid_response("POST", SUBMIT, reply)
    return reply.json()  # type: ignore[return-value]


def poll(server: RunningServer, job: Dict[str, str], **options: object) -> Reply:
    return get_url(server, job["polling_url"], **options)


# --------------------------------------------------------------------------
# Independent response validation
# --------------------------------------------------------------------------

_API = OpenAPI.from_file_path(str(SPEC))


def assert_valid_response(method: str, path: str, reply: Reply) -> None:
    assert reply.headers.get("content-type", "").startswith("application/json"), reply.headers
    assert int(reply.headers["content-length"]) == len(reply.body)
    request = MockRequest("https://gateway.pixazo.ai", method.lower(), path, headers={KEY_HEADER: "x"})
    response = MockResponse(reply.body, status_code=reply.status, content_type="application/json")
    _API.validate_response(request, response)


def assert_error_shape(reply: Reply, status: int) -> Dict[str, object]:
    assert reply.status == status, (reply.status, reply.body)
    body = reply.json()
    assert isinstance(body, dict) and isinstance(body["error"], str) and isinstance(body["message"], str), body
    return body  # type: ignore[return-value]


def assert_rejected(reply: Reply, *fragments: str) -> List[str]:
    """A 400 ErrorResponse whose validation_errors contain every fragment."""
    assert_error_shape(reply, 400)
    errors = reply.errors
    text = "\n".join(errors)
    for fragment in fragments:
        assert fragment in text, (fragment, errors)
    return errors


# --------------------------------------------------------------------------
# Valid requests
# --------------------------------------------------------------------------

GENERATE_V2 = {"image_request": {"prompt": "A serene tropical beach", "negative_prompt": "blur", "model": "V_2",
                                 "aspect_ratio": "ASPECT_10_16", "magic_prompt_option": "AUTO", "seed": 212,
                                 "style_type": "REALISTIC", "color_palette": {"name": "JUNGLE"}}}
GENERATE_TURBO = {"image_request": {"prompt": "A fox", "model": "V_2_TURBO"}}
EDIT = [Part.file("image_file"), Part.file("mask", PNG, "mask.png"), Part.text("prompt", "add a hat"),
        Part.text("model", "V_2")]
REMIX = [Part.json("image_request", {"prompt": "in autumn", "aspect_ratio": "ASPECT_1_1", "image_weight": 50,
                                     "magic_prompt_option": "ON", "model": "V_2"}),
         Part.file("image_file", JPEG, "photo.jpg", "image/jpeg")]

SYNC_OPERATIONS: List[Tuple[str, str, object]] = [
    ("/ideogramV_2/v1/generate", "json", GENERATE_V2),
    ("/ideogramV_2/v1/describe", "form", [Part.file("image_file")]),
    ("/ideogramV_2/v1/edit", "form", EDIT),
    ("/ideogramV_2/v1/remix", "form", REMIX),
    ("/ideogramV_2_Turbo/v1/generate", "json", GENERATE_TURBO),
    ("/ideogramV_2_Turbo/v1/describe", "form", [Part.file("image_file", JPEG, "photo.jpg", "image/jpeg")]),
    ("/ideogramV_2_Turbo/v1/edit", "form", [Part.file("image_file"), Part.text("prompt", "red"),
                                            Part.text("model", "V_2")]),
    ("/ideogramV_2_Turbo/v1/remix", "form", [Part.json("image_request", {"prompt": "x", "model": "V_2_TURBO"}),
                                             Part.file("image_file")]),
]


def send_sync(server: RunningServer, path: str, kind: str, payload: object, **options: object) -> Reply:
    if kind == "json":
        return send_json(server, path, payload, **options)
    return send_form(server, path, payload, **options)  # type: ignore[arg-type]


def test_every_operation_is_covered() -> None:
    spec = json.loads(json.dumps(_API.spec.read_value()))
    operations = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    covered = {("POST", path) for path, _, _ in SYNC_OPERATIONS} | {("POST", SUBMIT),
                                                                    ("GET", STATUS + "{request_id}")}
    assert len(operations) == 10 and operations == covered


@pytest.mark.parametrize("path,kind,payload", SYNC_OPERATIONS, ids=[path for path, _, _ in SYNC_OPERATIONS])
def test_sync_operation_gets_spec_valid_200(server: RunningServer, path: str, kind: str, payload: object) -> None:
    reply = send_sync(server, path, kind, payload)
    assert reply.status == 200, reply.body
    assert_valid_response("POST", path, reply)
    body = reply.json()
    assert body["created"] == "2024-11-01T10:06:14.744267+00:00"
    if path.endswith("/describe"):
        assert isinstance(body["data"]["description"], str) and body["data"]["description"]
    elif path == "/ideogramV_2/v1/edit":
        image = body["data"][0]
        assert image["edited_image"].startswith("https://") and image["prompt"] == "add a hat"
        assert image["model_used"] == "V_2" and image["is_image_safe"] is True
    elif path == "/ideogramV_2/v1/remix":
        image = body["data"][0]
        assert image["image_url"].startswith("https://") and image["image_weight"] == 50
        assert image["prompt"] == "in autumn" and "resolution" in image
    else:
        assert body["data"][0]["url"].startswith("https://") and body["data"][0]["is_image_safe"] is True
    described = introspect(server, "/__last")
    assert described["method"] == "POST" and described["path"] == path and described["had_key"] is True


def test_generate_echoes_the_request(server: RunningServer) -> None:
    image = send_json(server, "/ideogramV_2/v1/generate", GENERATE_V2).json()["data"][0]
    assert (image["prompt"], image["seed"], image["style_type"]) == ("A serene tropical beach", 212, "REALISTIC")
    assert introspect(server, "/__last")["json"] == GENERATE_V2


def test_multipart_parts_are_recorded(server: RunningServer) -> None:
    assert send_form(server, "/ideogramV_2/v1/remix", REMIX).status == 200
    parts = introspect(server, "/__last")["parts"]
    assert [(p["name"], p["filename"], p["content_type"]) for p in parts] == [  # type: ignore[union-attr,index]
        ("image_request", None, "application/json"), ("image_file", "photo.jpg", "image/jpeg")]
    assert json.loads(parts[0]["text"])["image_weight"] == 50  # type: ignore[index]


def test_cache_control_no_cache_is_accepted(server: RunningServer) -> None:
    reply = send_json(server, SUBMIT, {"image_url": "https://example.com/a.png", "sync_mode": False},
                      headers={"Cache-Control": "no-cache"})
    assert reply.status == 200 and reply.json()["status"] == "QUEUED"


# --------------------------------------------------------------------------
# Requests that must be rejected
# --------------------------------------------------------------------------


def test_missing_key_is_401(server: RunningServer) -> None:
    for reply in (send_json(server, "/ideogramV_2/v1/generate", GENERATE_V2, api_key=None),
                  send_form(server, "/ideogramV_2/v1/describe", [Part.file("image_file")], api_key=None),
                  send(server, "GET", STATUS + "anything", api_key=None),
                  send_json(server, SUBMIT, {"image_url": "https://example.com/a.png"}, api_key=""),
                  send_json(server, SUBMIT, {"bogus": 1}, api_key=None),  # the key is checked first
                  send_json(server, SUBMIT, {"image_url": "x"}, api_key=None, headers={"X-Test-Failure": "status-500"})):
        assert reply.status == 401 and reply.json() == UNAUTHORIZED, reply.body
        assert_valid_response("POST", SUBMIT, reply)
    last_request = introspect(server, "/__requests")["requests"][-1]  # type: ignore[index]
    assert last_request["had_key"] is False and last_request["accepted"] is False  # type: ignore[index]
    assert last_request["status"] == 401  # type: ignore[index]


def test_repeated_key_header(server: RunningServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("GET", STATUS + "x")
    connection.putheader(KEY_HEADER, API_KEY)
    connection.putheader(KEY_HEADER, API_KEY)
    connection.endheaders()
    response = connection.getresponse()
    reply = Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    connection.close()
    assert_rejected(reply, f"'{KEY_HEADER}': sent more than once")
    assert API_KEY.encode() not in reply.body


def test_unknown_body_property(server: RunningServer) -> None:
    request = json.loads(json.dumps(GENERATE_V2))
    request["image_request"]["promt"] = "typo"
    errors = assert_rejected(send_json(server, "/ideogramV_2/v1/generate", request),
                             "body.image_request: Additional properties are not allowed ('promt' was unexpected)")
    assert len(errors) == 1, errors  # the declared properties are not reported as unknown
    assert_rejected(send_json(server, "/ideogramV_2/v1/generate", {**GENERATE_V2, "extra": 1}), "'extra' was unexpected")
    assert_rejected(send_json(server, SUBMIT, {"image_url": "https://example.com/a.png", "callback": "x"}),
                    "body: Additional properties are not allowed ('callback' was unexpected)")
    palette = {"image_request": {"prompt": "x", "model": "V_2", "color_palette": {"name": "EMBER", "hue": 3}}}
    errors = assert_rejected(send_json(server, "/ideogramV_2/v1/generate", palette),
                             "body.image_request.color_palette", "'hue' was unexpected")
    assert len(errors) == 1, errors


def test_rejection_body_matches_error_response(server: RunningServer) -> None:
    reply = send_json(server, "/ideogramV_2/v1/generate", {"image_request": {"model": "V_2"}})
    body = assert_error_shape(reply, 400)
    assert body["error"] == "Bad Request" and "'prompt' is a required property" in body["message"]
    assert_valid_response("POST", "/ideogramV_2/v1/generate", reply)


@pytest.mark.parametrize("path,request_body,fragment", [
    ("/ideogramV_2/v1/generate", {"image_request": {"prompt": "x", "model": "V_2_TURBO"}},
     "body.image_request.model: 'V_2_TURBO' is not one of ['V_2']"),
    ("/ideogramV_2_Turbo/v1/generate", {"image_request": {"prompt": "x", "model": "V_2"}},
     "'V_2' is not one of ['V_2_TURBO']"),
    ("/ideogramV_2/v1/generate", {"image_request": {"prompt": "x", "model": "V_2", "aspect_ratio": "ASPECT_5_4"}},
     "body.image_request.aspect_ratio: 'ASPECT_5_4' is not one of"),
    ("/ideogramV_2/v1/generate", {"image_request": {"prompt": "x", "model": "V_2", "color_palette": {"name": "NEON"}}},
     "body.image_request.color_palette.name: 'NEON' is not one of"),
    ("/ideogramV_2/v1/generate", {"image_request": {"prompt": "x", "model": "V_2", "seed": 0}},
     "body.image_request.seed: 0 is less than the minimum of 1"),
])
def test_wrong_value(server: RunningServer, path: str, request_body: object, fragment: str) -> None:
    errors = assert_rejected(send_json(server, path, request_body), fragment)
    assert len(errors) == 1, errors


def test_wrong_enum_in_header_and_multipart(server: RunningServer) -> None:
    assert_rejected(send_json(server, SUBMIT, {"image_url": "https://example.com/a.png"},
                              headers={"Cache-Control": "no-store"}), "header parameter 'Cache-Control'")
    remix = [Part.json("image_request", {"prompt": "x", "magic_prompt_option": "MAYBE"}), Part.file("image_file")]
    assert_rejected(send_form(server, "/ideogramV_2/v1/remix", remix), "part 'image_request'", "'MAYBE' is not one of")


def test_missing_required_field(server: RunningServer) -> None:
    assert_rejected(send_json(server, "/ideogramV_2/v1/generate", {}), "'image_request' is a required property")
    assert_rejected(send_json(server, "/ideogramV_2/v1/generate", {"image_request": {"prompt": "x"}}),
                    "'model' is a required property")
    assert_rejected(send_json(server, SUBMIT, {"sync_mode": True}), "body: 'image_url' is a required property")
    assert_rejected(send_form(server, "/ideogramV_2/v1/edit", [Part.file("image_file"), Part.text("prompt", "x")]),
                    "part 'model': required but missing")
    assert_rejected(send_form(server, "/ideogramV_2_Turbo/v1/remix", [Part.file("image_file")]),
                    "part 'image_request': required but missing")
    assert_rejected(send_form(server, "/ideogramV_2/v1/describe", [Part.text("prompt", "x")]),
                    "part 'image_file': required but missing")
    assert_rejected(send(server, "POST", SUBMIT, b"", "application/json"), "body: missing")


@pytest.mark.parametrize("value", [5, None, ["https://example.com/a.png"], {"url": "x"}, True])
def test_image_url_must_be_a_string(server: RunningServer, value: object) -> None:
    assert_rejected(send_json(server, SUBMIT, {"image_url": value}), "body.image_url:", "is not of type 'string'")


def test_sync_mode_must_be_boolean(server: RunningServer) -> None:
    assert_rejected(send_json(server, SUBMIT, {"image_url": "https://example.com/a.png", "sync_mode": "true"}),
                    "body.sync_mode: 'true' is not of type 'boolean'")


def test_wrong_multipart_parts(server: RunningServer) -> None:
    assert_rejected(send_form(server, "/ideogramV_2/v1/describe", [Part.file("image_file"), Part.file("image")]),
                    "part 'image': unknown field")
    assert_rejected(send_form(server, "/ideogramV_2/v1/describe", [Part.text("image_file", "not a file")]),
                    "part 'image_file': is a binary field")
    assert_rejected(send_form(server, "/ideogramV_2/v1/edit", [Part.file("image_file"), Part.file("prompt"),
                                                               Part.text("model", "V_2")]),
                    "part 'prompt': is a text field but was sent as a file part")
    assert_rejected(send_form(server, "/ideogramV_2/v1/remix",
                              [Part.text("image_request", '{"prompt": "x"}'), Part.file("image_file")]),
                    "part 'image_request': a JSON field must be sent with Content-Type: application/json")
    assert_rejected(send_form(server, "/ideogramV_2/v1/remix",
                              [Part.json("image_request", {"prompt": "x", "weight": 5}), Part.file("image_file")]),
                    "part 'image_request': Additional properties are not allowed ('weight' was unexpected)")
    assert_rejected(send_form(server, "/ideogramV_2/v1/remix",
                              [Part.json("image_request", {"prompt": "x", "image_weight": "50"}),
                               Part.file("image_file")]),
                    "part 'image_request'.image_weight: '50' is not of type 'integer'")
    assert_rejected(send_form(server, "/ideogramV_2/v1/edit", EDIT + [Part.text("prompt", "again")]),
                    "part 'prompt': sent 2 times")


def test_wrong_content_type(server: RunningServer) -> None:
    assert_rejected(send_json(server, "/ideogramV_2/v1/describe", {"image_file": "x"}),
                    "'application/json' is not accepted by describe-image-v2")
    assert_rejected(send_form(server, SUBMIT, [Part.text("image_url", "https://example.com/a.png")]),
                    "'multipart/form-data' is not accepted by submit-remove-background")
    assert_rejected(send(server, "POST", SUBMIT, b'{"image_url": "a", "image_url": "b"}', "application/json"),
                    "more than once")


def test_wrong_method_is_405(server: RunningServer) -> None:
    reply = send(server, "POST", STATUS + "ideogram-remove-background_x")  # the page's raw HTTP block says POST
    assert_error_shape(reply, 405)
    assert reply.headers["allow"] == "GET" and "has no POST operation" in reply.errors[0]
    reply = send(server, "GET", "/ideogramV_2/v1/generate")
    assert_error_shape(reply, 405)
    assert reply.headers["allow"] == "POST"


def test_unknown_path_is_404(server: RunningServer) -> None:
    for path in ("/ideogramV_3/v1/generate", "/v2/requests/status", "/ideogram-generate/v1/describe", "/"):
        reply = send(server, "GET", path)
        body = assert_error_shape(reply, 404)
        assert body["error"] == "Not Found" and "no path matches" in reply.errors[0]


def test_body_on_status_poll(server: RunningServer) -> None:
    assert_rejected(send(server, "GET", STATUS + "x", b'{"request_id": "x"}', "application/json"),
                    "takes no request body")


def test_rejected_requests_are_listed_but_not_last(server: RunningServer) -> None:
    assert send_form(server, "/ideogramV_2/v1/describe", [Part.file("image_file")]).status == 200
    before = introspect(server, "/__requests")["count"]
    assert send_json(server, "/ideogramV_2/v1/generate", {}).status == 400
    listing = introspect(server, "/__requests")
    assert listing["count"] == before + 1  # type: ignore[operator]
    entry = listing["requests"][-1]  # type: ignore[index]
    assert entry == {"method": "POST", "path": "/ideogramV_2/v1/generate", "host": f"127.0.0.1:{server.port}",
                     "operation_id": "generate-image-v2", "test_failure": None, "had_key": True,
                     "accepted": False, "status": 400}
    assert introspect(server, "/__last")["path"] == "/ideogramV_2/v1/describe"


# --------------------------------------------------------------------------
# Remove-background jobs
# --------------------------------------------------------------------------


def test_job_flow_queued_processing_completed(server: RunningServer) -> None:
    job = submit(server)
    assert set(job) == {"request_id", "status", "polling_url"} and job["status"] == "QUEUED"
    match = JOB_ID.fullmatch(job["request_id"])
    assert match and uuid.UUID(match.group(1)).version == 4, job
    assert job["polling_url"] == f"http://127.0.0.1:{server.port}{STATUS}{job['request_id']}"
    assert job_info(server, job["request_id"])["status"] == "QUEUED"

    states = []
    for _ in range(4):
        reply = poll(server, job)
        assert reply.status == 200, reply.body
        assert_valid_response("GET", STATUS + job["request_id"], reply)
        states.append(reply.json())
    assert [state["status"] for state in states] == ["QUEUED", "PROCESSING", "COMPLETED", "COMPLETED"]
    queued, processing, completed, again = states
    for state in states:
        assert state["request_id"] == job["request_id"] and state["model_id"] == "ideogram-remove-background"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", state["created_at"]), state
    assert queued["error"] is None and "output" not in queued and "completed_at" not in queued
    assert "output" not in processing and processing["updated_at"] >= queued["updated_at"]
    assert completed["error"] is None and completed["completed_at"] == completed["updated_at"]
    media_url = f"http://127.0.0.1:{server.port}/__media/{job['request_id']}/output.png"
    assert completed["output"] == {"media_url": [media_url], "media_type": "image/png"}
    assert again == completed

    media = get_url(server, media_url, api_key=None)
    assert media.status == 200 and media.headers["content-type"] == "image/png"
    assert media.body.startswith(b"\x89PNG\r\n\x1a\n")
    assert introspect(server, "/__requests")["requests"][-1]["had_key"] is False  # type: ignore[index]
    info = job_info(server, job["request_id"])
    assert (info["status"], info["polls"], info["answered"], info["modes"]) == ("COMPLETED", 4, 4, [])


def test_media_of_unfinished_job_is_404(server: RunningServer) -> None:
    job = submit(server)
    assert send(server, "GET", f"/__media/{job['request_id']}/output.png").status == 404


def test_polling_url_follows_the_host_header(server: RunningServer) -> None:
    job = submit(server, headers={"Host": "gateway.test:8443"})
    assert job["polling_url"] == f"http://gateway.test:8443{STATUS}{job['request_id']}"
    job = submit(server, headers={"Host": "evil.test/path?"})  # not a host: the server's own address
    assert job["polling_url"].startswith(f"http://127.0.0.1:{server.port}{STATUS}")


def test_polls_to_complete_option(tmp_path: Path) -> None:
    running = start_server(tmp_path, "--polls-to-complete", "5", "--quiet")
    try:
        job = submit(running)
        statuses = [poll(running, job).json()["status"] for _ in range(6)]
        assert statuses == ["QUEUED", "PROCESSING", "PROCESSING", "PROCESSING", "COMPLETED", "COMPLETED"]
    finally:
        assert running.stop() == 0
    assert running.log() == ""


def test_unknown_job_is_404(server: RunningServer) -> None:
    path = STATUS + f"ideogram-remove-background_{uuid.uuid4()}"
    reply = send(server, "GET", path)
    body = assert_error_shape(reply, 404)
    assert_valid_response("GET", path, reply)
    assert body["error"] == "Not Found" and "was found" in body["message"] and "validation_errors" not in body


def test_sync_mode_returns_the_image_inline(server: RunningServer) -> None:
    jobs_before = introspect(server, "/__jobs")["count"]
    reply = send_json(server, SUBMIT, {"image_url": "https://example.com/a.png", "sync_mode": True})
    assert reply.status == 200, reply.body
    assert_valid_response("POST", SUBMIT, reply)
    body = reply.json()
    assert body["description"] == "" and len(body["images"]) == 1
    image = body["images"][0]
    assert image["content_type"] == "image/png" and image["file_name"].endswith(".png")
    prefix = "data:image/png;base64,"
    assert image["url"].startswith(prefix)
    assert base64.b64decode(image["url"][len(prefix):]).startswith(b"\x89PNG\r\n\x1a\n")
    assert introspect(server, "/__jobs")["count"] == jobs_before


# --------------------------------------------------------------------------
# Job failure modes
# --------------------------------------------------------------------------


def poll_statuses(server: RunningServer, job: Dict[str, str], count: int) -> List[Reply]:
    replies = [poll(server, job) for _ in range(count)]
    for reply in replies:
        assert_valid_response("GET", urlsplit(job["polling_url"]).path, reply)
    return replies


def test_job_failed(server: RunningServer) -> None:
    job = submit(server, "job-failed")
    states = [reply.json() for reply in poll_statuses(server, job, 4)]
    assert [state["status"] for state in states] == ["QUEUED", "PROCESSING", "FAILED", "FAILED"]
    failed = states[2]
    assert isinstance(failed["error"], str) and failed["error"] and "output" not in failed
    assert "completed_at" in failed
    assert job_info(server, job["request_id"])["modes"] == ["job-failed"]


def test_job_error(server: RunningServer) -> None:
    job = submit(server, "job-error")
    states = [reply.json() for reply in poll_statuses(server, job, 3)]
    assert [state["status"] for state in states] == ["QUEUED", "PROCESSING", "ERROR"]
    assert "not been charged" in states[2]["error"] and "output" not in states[2]


def test_poll_429(server: RunningServer) -> None:
    job = submit(server, "poll-429:2")
    replies = poll_statuses(server, job, 5)
    assert [reply.status for reply in replies] == [429, 429, 200, 200, 200]
    for refused in replies[:2]:
        assert refused.headers["retry-after"] == "1"
        assert assert_error_shape(refused, 429)["error"] == "Too Many Requests"
    assert [reply.json()["status"] for reply in replies[2:]] == ["QUEUED", "PROCESSING", "COMPLETED"]
    info = job_info(server, job["request_id"])
    assert (info["polls"], info["answered"]) == (5, 3)


def test_slow_poll(server: RunningServer) -> None:
    job = submit(server, "slow-poll:300")
    started = time.monotonic()
    assert poll(server, job).json()["status"] == "QUEUED"
    assert time.monotonic() - started >= 0.3
    with pytest.raises(socket.timeout):
        poll(server, job, timeout=0.1)


def test_never_completes(server: RunningServer) -> None:
    job = submit(server, "never-completes")
    statuses = [reply.json()["status"] for reply in poll_statuses(server, job, 6)]
    assert statuses == ["QUEUED"] + ["PROCESSING"] * 5


def test_malformed_poll(server: RunningServer) -> None:
    job = submit(server, "malformed-poll")
    for _ in range(3):
        reply = poll(server, job)
        assert reply.status == 200 and reply.headers["content-type"] == "application/json"
        assert int(reply.headers["content-length"]) == len(reply.body) > 0
        with pytest.raises(json.JSONDecodeError):
            json.loads(reply.body)
    assert job_info(server, job["request_id"])["status"] == "COMPLETED"


def test_polling_host_localhost(server: RunningServer) -> None:
    job = submit(server, "polling-host:localhost")
    assert job["polling_url"] == f"http://localhost:{server.port}{STATUS}{job['request_id']}"
    # A client must not send the key to another host: such a poll arrives without it.
    assert poll(server, job, api_key=None).json() == UNAUTHORIZED
    entry = introspect(server, "/__requests")["requests"][-1]  # type: ignore[index]
    assert entry["host"] == f"localhost:{server.port}" and entry["had_key"] is False  # type: ignore[index]
    assert entry["status"] == 401 and entry["operation_id"] == "get-remove-background-status"  # type: ignore[index]
    assert poll(server, job).json()["status"] == "QUEUED"
    entry = introspect(server, "/__requests")["requests"][-1]  # type: ignore[index]
    assert entry["had_key"] is True and entry["accepted"] is True  # type: ignore[index]


def test_job_modes_combine(server: RunningServer) -> None:
    job = submit(server, "job-failed, poll-429:1, polling-host:127.0.0.1")
    assert [reply.status for reply in poll_statuses(server, job, 4)] == [429, 200, 200, 200]
    assert poll(server, job).json()["status"] == "FAILED"
    assert job_info(server, job["request_id"])["modes"] == ["job-failed", "poll-429:1", "polling-host:127.0.0.1"]


@pytest.mark.parametrize("mode,fragment", [
    ("job-failed,job-error", "exclude each other"),
    ("poll-429:x", "expected poll-429:N"),
    ("poll-429:1001", "at most 1000"),
    ("polling-host:example.com", "expected polling-host:localhost"),
    ("status-418", "the status modes are"),
    ("status-503", "the status modes are"),
    ("slow:1,close", "more than one of the request modes"),
    ("poll-429:1,poll-429:2", "more than once"),
    ("explode", "unknown mode 'explode'"),
    ("", "the header is empty"),
])
def test_bad_failure_modes(server: RunningServer, mode: str, fragment: str) -> None:
    reply = send_json(server, SUBMIT, {"image_url": "https://example.com/a.png"}, headers={"X-Test-Failure": mode})
    assert_rejected(reply, "'X-Test-Failure'", fragment)


def test_job_modes_only_on_a_job_submission(server: RunningServer) -> None:
    assert_rejected(send_json(server, "/ideogramV_2/v1/generate", GENERATE_V2, headers={"X-Test-Failure": "job-failed"}),
                    "only apply to submit-remove-background")
    job = submit(server)
    assert_rejected(poll(server, job, headers={"X-Test-Failure": "never-completes"}), "only apply")
    assert_rejected(send_json(server, SUBMIT, {"image_url": "https://example.com/a.png", "sync_mode": True},
                              headers={"X-Test-Failure": "malformed-poll"}), "without sync_mode")


def test_failure_mode_needs_a_valid_request(server: RunningServer) -> None:
    reply = send_json(server, SUBMIT, {"image_url": 5}, headers={"X-Test-Failure": "status-500"})
    assert_rejected(reply, "is not of type 'string'")


# --------------------------------------------------------------------------
# Per-request failure modes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500])
def test_status_modes(server: RunningServer, status: int) -> None:
    reply = send_json(server, "/ideogramV_2/v1/generate", GENERATE_V2, headers={"X-Test-Failure": f"status-{status}"})
    body = assert_error_shape(reply, status)
    assert reply.headers["content-type"] == "application/json" and set(body) == {"error", "message"}
    assert reply.headers.get("retry-after") == ("1" if status == 429 else None)
    assert_valid_response("POST", "/ideogramV_2/v1/generate", reply)
    if status == 401:
        assert body == UNAUTHORIZED


def test_status_mode_on_submit_creates_no_job(server: RunningServer) -> None:
    before = introspect(server, "/__jobs")["count"]
    reply = send_json(server, SUBMIT, {"image_url": "https://example.com/a.png"},
                      headers={"X-Test-Failure": "status-500"})
    assert_error_shape(reply, 500)
    assert introspect(server, "/__jobs")["count"] == before


def test_status_mode_on_a_poll_leaves_the_job_alone(server: RunningServer) -> None:
    job = submit(server)
    assert poll(server, job).json()["status"] == "QUEUED"
    reply = poll(server, job, headers={"X-Test-Failure": "status-429"})
    assert_error_shape(reply, 429)
    assert reply.headers["retry-after"] == "1"
    info = job_info(server, job["request_id"])
    assert (info["polls"], info["answered"]) == (1, 1)
    assert poll(server, job).json()["status"] == "PROCESSING"


def test_truncated_json_mode(server: RunningServer) -> None:
    for path, kind, payload in SYNC_OPERATIONS[:2]:
        reply = send_sync(server, path, kind, payload, headers={"X-Test-Failure": "truncated-json"})
        assert reply.status == 200 and int(reply.headers["content-length"]) == len(reply.body) > 0
        with pytest.raises(json.JSONDecodeError):
            json.loads(reply.body)
    before = introspect(server, "/__jobs")["count"]
    reply = send_json(server, SUBMIT, {"image_url": "https://example.com/a.png"},
                      headers={"X-Test-Failure": "truncated-json"})
    assert reply.status == 200 and reply.body.startswith(b'{"request_id":"ideogram-remove-background_')
    assert introspect(server, "/__jobs")["count"] == before + 1  # type: ignore[operator]


def test_slow_mode(server: RunningServer) -> None:
    started = time.monotonic()
    reply = send_form(server, "/ideogramV_2/v1/describe", [Part.file("image_file")], headers={"X-Test-Failure": "slow:300"})
    assert reply.status == 200 and time.monotonic() - started >= 0.3
    with pytest.raises(socket.timeout):
        send_json(server, "/ideogramV_2/v1/generate", GENERATE_V2, headers={"X-Test-Failure": "slow:2000"}, timeout=0.2)


def test_close_mode(server: RunningServer) -> None:
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        send_json(server, "/ideogramV_2/v1/generate", GENERATE_V2, headers={"X-Test-Failure": "close"})
    entry = introspect(server, "/__requests")["requests"][-1]  # type: ignore[index]
    assert entry["test_failure"] == "close" and entry["status"] is None  # type: ignore[index]
    assert send(server, "GET", "/__health", api_key=None).status == 200


# --------------------------------------------------------------------------
# The key and introspection
# --------------------------------------------------------------------------


def test_key_is_redacted_and_never_logged(server: RunningServer) -> None:
    job = submit(server)
    poll(server, job)
    described = introspect(server, "/__last")
    assert described["headers"][KEY_HEADER.lower()] == "<redacted>"  # type: ignore[index]
    assert described["api_key_sha256"] == hashlib.sha256(API_KEY.encode()).hexdigest()
    # The key inside a body is redacted too, in /__last and in a rejection.
    assert send_json(server, SUBMIT, {"image_url": f"https://example.com/{API_KEY}.png"}).status == 200
    assert "<redacted>" in json.dumps(introspect(server, "/__last")["json"])
    rejected = send_json(server, "/ideogramV_2/v1/generate", {"image_request": {"prompt": "x", "model": API_KEY}})
    assert rejected.status == 400 and API_KEY.encode() not in rejected.body and b"<redacted>" in rejected.body
    for path in ("/__last", "/__requests", "/__jobs"):
        assert API_KEY not in json.dumps(introspect(server, path)), path
    time.sleep(0.2)
    log = server.log()
    assert f"GET {STATUS}{job['request_id']} -> 200" in log
    assert API_KEY not in log


def test_health_and_unknown_introspection(server: RunningServer) -> None:
    assert introspect(server, "/__health") == {"status": "ok"}
    assert send(server, "GET", "/__nothing", api_key=None).status == 404
    assert send(server, "POST", "/__jobs", api_key=None).status == 405


# --------------------------------------------------------------------------
# Lifecycle
# --------------------------------------------------------------------------


def test_sigterm_stops_the_server(tmp_path: Path) -> None:
    running = start_server(tmp_path, "--port-file", str(tmp_path / "port"))
    assert (tmp_path / "port").read_text().strip() == str(running.port)
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(timeout=10) == 0
    running.process.stdin.close()
