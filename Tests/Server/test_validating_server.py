"""Tests of validating_server.py, run against a real server subprocess.

    bash Tests/Server/setup-venv.sh && .venv/bin/python -m pytest -q Tests/Server

The server is started with the project's spec and, when present, the
upstream one, exactly as the Swift integration tests start it. Requests are
built by hand with http.client (and a raw socket where the framing matters)
the way the Swift client builds them: text parts without a Content-Type,
JSON parts with application/json, files with a filename and their type,
arrays as repeated parts, and WHATWG escapes in filenames. Every 200 body
is checked against every spec with openapi-core's response validator,
independently of the server's own check.
"""

from __future__ import annotations

import http.client
import json
import os
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

import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SERVER = HERE / "validating_server.py"
OUR_SPEC = ROOT / "spec" / "ideogram-openapi.yml"
UPSTREAM_SPEC = Path(os.environ.get("IDEOGRAM_UPSTREAM_SPEC", "/work/shared/upstream/ideogram-openapi.yml"))
SPECS = [OUR_SPEC] + ([UPSTREAM_SPEC] if UPSTREAM_SPEC.exists() else [])
SPEC_LABELS = [str(path) for path in SPECS]
API_KEY = "sk-test-" + "7f3c9a1e5b2d4c6e8a0b" * 2
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0" + b"jpeg-bytes" * 50


# --------------------------------------------------------------------------
# Starting the server
# --------------------------------------------------------------------------


@dataclass
class RunningServer:
    """A server subprocess and how to reach it."""

    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

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


def start_server(tmp_dir: Path, *extra: str, specs: Sequence[Path] = SPECS) -> RunningServer:
    """Starts the server on a free port and waits for its LISTENING line."""
    log_path = tmp_dir / f"server-{uuid.uuid4().hex[:8]}.log"
    command = [sys.executable, str(SERVER), "--port", "0"]
    for spec in specs:
        command += ["--spec", str(spec)]
    command += list(extra)
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
    port = int(lines[0].strip().rsplit(":", 1)[1])
    return RunningServer(process, port, log_path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterable[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def prefixed(tmp_path_factory: pytest.TempPathFactory) -> Iterable[RunningServer]:
    running = start_server(tmp_path_factory.mktemp("prefixed"), "--prefix", "/ideogram", specs=[OUR_SPEC])
    yield running
    assert running.stop() == 0


# --------------------------------------------------------------------------
# Building and sending requests
# --------------------------------------------------------------------------


@dataclass
class Part:
    """One form-data part, encoded the way the Swift client encodes it."""

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


def whatwg_escape(value: str) -> str:
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def encode_multipart(parts: Sequence[Part], boundary: str = "----ideogram-boundary-0123456789abcdef",
                     newline: bytes = b"\r\n", closing: bool = True) -> Tuple[bytes, str]:
    """The body and its Content-Type; ``newline`` and ``closing`` let tests
    break the framing on purpose."""
    body = b""
    for part in parts:
        body += b"--" + boundary.encode() + newline
        disposition = f'Content-Disposition: form-data; name="{whatwg_escape(part.name)}"'
        if part.filename is not None:
            disposition += f'; filename="{whatwg_escape(part.filename)}"'
        body += disposition.encode("utf-8") + newline
        if part.content_type is not None:
            body += f"Content-Type: {part.content_type}".encode() + newline
        body += newline + part.body + newline
    if closing:
        body += b"--" + boundary.encode() + b"--" + newline
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
         api_key: Optional[str] = API_KEY, timeout: float = 30) -> Reply:
    """Sends one request on a fresh connection."""
    all_headers: Dict[str, str] = {}
    if api_key is not None:
        all_headers["Api-Key"] = api_key
    if content_type is not None:
        all_headers["Content-Type"] = content_type
    all_headers.update(headers or {})
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def send_form(server: RunningServer, path: str, parts: Sequence[Part], **options: object) -> Reply:
    body, content_type = encode_multipart(parts)
    return send(server, "POST", path, body, content_type, **options)  # type: ignore[arg-type]


def send_json(server: RunningServer, path: str, value: object, **options: object) -> Reply:
    return send(server, "POST", path, json.dumps(value).encode(), "application/json", **options)  # type: ignore


def last(server: RunningServer) -> Dict[str, object]:
    reply = send(server, "GET", "/__last", api_key=None)
    assert reply.status == 200, reply.body
    return reply.json()  # type: ignore[return-value]


def request_count(server: RunningServer) -> int:
    return send(server, "GET", "/__requests", api_key=None).json()["count"]  # type: ignore[index]


# --------------------------------------------------------------------------
# Independent response validation
# --------------------------------------------------------------------------

_APIS = {str(path): OpenAPI.from_file_path(str(path)) for path in SPECS}


def assert_valid_response(method: str, path: str, reply: Reply, query: Sequence[Tuple[str, str]] = ()) -> None:
    """Checks a response with openapi-core against every spec."""
    assert reply.headers.get("content-type", "").startswith("application/json"), reply.headers
    assert int(reply.headers["content-length"]) == len(reply.body)
    for label, api in _APIS.items():
        request = MockRequest("https://api.ideogram.ai", method, path, headers={"Api-Key": "x"})
        request.parameters.query = ImmutableMultiDict(list(query))
        response = MockResponse(reply.body, status_code=reply.status, content_type="application/json")
        api.validate_response(request, response)


def assert_rejected(reply: Reply, *fragments: str) -> List[str]:
    """A 400 whose messages name every spec and contain every fragment."""
    assert reply.status == 400, (reply.status, reply.body)
    errors = reply.errors
    text = "\n".join(errors)
    for label in SPEC_LABELS:
        assert any(error.startswith(label + ": ") for error in errors), (label, errors)
    for fragment in fragments:
        assert fragment in text, (fragment, errors)
    return errors


# --------------------------------------------------------------------------
# Valid requests
# --------------------------------------------------------------------------

V3_GENERATE = "/v1/ideogram-v3/generate"

VALID_OPERATIONS: List[Tuple[str, str, str, object]] = [
    ("POST", V3_GENERATE, "form", [Part.text("prompt", "a cat")]),
    ("POST", "/v1/ideogram-v3/generate-transparent", "form",
     [Part.text("prompt", "a logo"), Part.text("rendering_speed", "TURBO"), Part.text("upscale_factor", "X2")]),
    ("POST", "/v1/ideogram-v3/inpaint", "form",
     [Part.file("image"), Part.file("mask"), Part.text("prompt", "a hat"), Part.text("num_images", "2")]),
    ("POST", "/v1/ideogram-v3/remix", "form",
     [Part.file("image", JPEG, "photo.jpg", "image/jpeg"), Part.text("prompt", "in autumn"),
      Part.text("image_weight", "70")]),
    ("POST", "/v1/ideogram-v3/reframe", "form", [Part.file("image"), Part.text("resolution", "1024x1024")]),
    ("POST", "/v1/ideogram-v3/replace-background", "form", [Part.file("image"), Part.text("prompt", "a beach")]),
    ("POST", "/v1/remove-background", "form", [Part.file("image")]),
    ("POST", "/v1/ideogram-v3/layerize-text", "form", [Part.file("image"), Part.text("seed", "7")]),
    ("POST", "/v1/edit", "form",
     [Part.text("prompt", "make it blue"), Part.file("images"), Part.file("images", JPEG, "b.jpg", "image/jpeg"),
      Part.text("image_urls", "https://ideogram.ai/a.png"), Part.text("image_urls", "https://ideogram.ai/b.png"),
      Part.text("transparent_background", "true")]),
    ("POST", "/upscale", "form",
     [Part.json("image_request", {"resemblance": 60, "detail": 40}), Part.file("image_file")]),
    ("POST", "/describe", "form", [Part.file("image_file"), Part.text("describe_model_version", "V_3")]),
    ("POST", "/generate", "json", {"image_request": {"prompt": "a fox", "model": "V_2", "num_images": 1}}),
    ("POST", "/v1/ideogram-v3/edit", "form", [Part.file("image"), Part.file("mask"), Part.text("prompt", "red")]),
    ("POST", "/edit", "form",
     [Part.file("image_file"), Part.file("mask"), Part.text("prompt", "red"), Part.text("model", "V_2")]),
    ("POST", "/remix", "form",
     [Part.json("image_request", {"prompt": "night", "image_weight": 30, "color_palette": {"name": "EMBER"}}),
      Part.file("image_file")]),
    ("POST", "/reframe", "form",
     [Part.file("image_file"), Part.text("resolution", "RESOLUTION_1024_1024"), Part.text("model", "V_2_TURBO")]),
    ("GET", "/datasets", "none", None),
    ("POST", "/datasets", "json", {"name": "My dataset"}),
    ("GET", "/datasets/ds-123", "none", None),
    ("POST", "/datasets/ds-123/upload_assets", "form",
     [Part.file("files"), Part.file("files", b"a caption", "image.txt", "text/plain")]),
    ("POST", "/v1/ideogram-v3/train-model", "json", {"dataset_id": "ds-123", "model_name": "My model"}),
    ("GET", "/models", "none", None),
    ("GET", "/models/mdl-9", "none", None),
]


def test_every_operation_is_covered() -> None:
    spec = json.loads(json.dumps(_APIS[str(OUR_SPEC)].spec.read_value()))
    operations = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    covered = {(method, path.replace("ds-123", "{dataset_id}").replace("mdl-9", "{model_id}"))
               for method, path, _, _ in VALID_OPERATIONS}
    assert len(operations) == 23
    assert operations == covered


@pytest.mark.parametrize("method,path,kind,payload", VALID_OPERATIONS,
                         ids=[f"{method} {path}" for method, path, _, _ in VALID_OPERATIONS])
def test_valid_request_gets_spec_valid_200(server: RunningServer, method: str, path: str, kind: str,
                                           payload: object) -> None:
    if kind == "form":
        reply = send_form(server, path, payload)  # type: ignore[arg-type]
    elif kind == "json":
        reply = send_json(server, path, payload)
    else:
        reply = send(server, method, path)
    assert reply.status == 200, reply.body
    assert_valid_response(method, path, reply)
    described = last(server)
    assert described["method"] == method and described["path"] == path
    assert described["validated_against"] == SPEC_LABELS


def test_generate_with_file_style_codes_and_palette(server: RunningServer) -> None:
    palette = {"members": [{"color_hex": "#FF0000", "color_weight": 0.6}, {"color_hex": "#00FF00"}]}
    reply = send_form(server, V3_GENERATE, [
        Part.text("prompt", "a lighthouse"),
        Part.text("num_images", "3"),
        Part.text("seed", "42"),
        Part.text("rendering_speed", "QUALITY"),
        Part.text("magic_prompt", "OFF"),
        Part.text("style_codes", "AAAAAAAA"),
        Part.text("style_codes", "BBBBBBBB"),
        Part.json("color_palette", palette),
        Part.file("style_reference_images", PNG, "ref1.png"),
        Part.file("style_reference_images", JPEG, "ref2.jpg", "image/jpeg"),
    ])
    assert reply.status == 200, reply.body
    assert_valid_response("POST", V3_GENERATE, reply)
    body = reply.json()
    assert len(body["data"]) == 3  # num_images is echoed
    assert body["data"][0]["prompt"] == "a lighthouse" and body["data"][0]["seed"] == 42
    assert body["data"][0]["url"].startswith("https://127.0.0.1/images/")
    parts = last(server)["parts"]
    assert [part["name"] for part in parts] == [
        "prompt", "num_images", "seed", "rendering_speed", "magic_prompt", "style_codes", "style_codes",
        "color_palette", "style_reference_images", "style_reference_images"]
    by_name = {}
    for part in parts:
        by_name.setdefault(part["name"], []).append(part)
    assert [part["text"] for part in by_name["style_codes"]] == ["AAAAAAAA", "BBBBBBBB"]
    assert json.loads(by_name["color_palette"][0]["text"]) == palette
    assert by_name["color_palette"][0]["content_type"] == "application/json"
    files = by_name["style_reference_images"]
    assert [(f["filename"], f["content_type"], f["size"]) for f in files] == [
        ("ref1.png", "image/png", len(PNG)), ("ref2.jpg", "image/jpeg", len(JPEG))]
    assert "text" not in files[0]


def test_legacy_generate_json(server: RunningServer) -> None:
    request = {"image_request": {"prompt": "a fox", "aspect_ratio": "ASPECT_16_9", "model": "V_2A",
                                 "magic_prompt_option": "AUTO", "num_images": 2,
                                 "color_palette": {"name": "PASTEL"}}}
    reply = send_json(server, "/generate", request)
    assert reply.status == 200, reply.body
    assert_valid_response("POST", "/generate", reply)
    assert len(reply.json()["data"]) == 2
    assert last(server)["json"] == request


def test_models_with_repeated_status(server: RunningServer) -> None:
    query = [("status", "TRAINING"), ("status", "COMPLETED")]
    reply = send(server, "GET", "/models?status=TRAINING&status=COMPLETED&scope=owned")
    assert reply.status == 200, reply.body
    assert_valid_response("GET", "/models", reply, query)
    assert [model["status"] for model in reply.json()["models"]] == ["TRAINING", "COMPLETED"]
    assert last(server)["query"] == {"status": ["TRAINING", "COMPLETED"], "scope": ["owned"]}


def test_dataset_by_id(server: RunningServer) -> None:
    reply = send(server, "GET", "/datasets/ds-42")
    assert reply.status == 200, reply.body
    assert_valid_response("GET", "/datasets/ds-42", reply)
    assert reply.json()["dataset"]["dataset_id"] == "ds-42"
    assert last(server)["path_params"] == {"dataset_id": "ds-42"}


def test_nullable_and_optional_fields_vary(server: RunningServer) -> None:
    body = send(server, "GET", "/datasets/ds-1").json()
    files = body["files"]
    assert files[0]["file_name"] is not None and files[1]["file_name"] is None


def test_chunked_request_body(server: RunningServer) -> None:
    body, content_type = encode_multipart([Part.text("prompt", "chunked"), Part.file("style_reference_images")])
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    chunks = [body[i:i + 100] for i in range(0, len(body), 100)]
    connection.request("POST", V3_GENERATE, body=iter(chunks), encode_chunked=True,
                       headers={"Api-Key": API_KEY, "Content-Type": content_type, "Transfer-Encoding": "chunked"})
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    assert response.status == 200, payload
    described = last(server)
    assert described["body_framing"] == "chunked" and described["body_size"] == len(body)


def _raw_exchange(port: int, head: bytes, body: bytes, expect_continue: bool) -> Tuple[bytes, bytes]:
    """Sends ``head``, waits for 100 Continue if asked, sends ``body``;
    returns the interim bytes and the final response bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        interim = b""
        if expect_continue:
            while b"\r\n\r\n" not in interim:
                chunk = sock.recv(4096)
                assert chunk, "connection closed before 100 Continue"
                interim += chunk
        sock.sendall(body)
        sock.shutdown(socket.SHUT_WR)
        response = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            response += chunk
        return interim, response


def test_expect_100_continue(server: RunningServer) -> None:
    body, content_type = encode_multipart([Part.text("prompt", "expect")])
    head = (f"POST {V3_GENERATE} HTTP/1.1\r\nHost: 127.0.0.1\r\nApi-Key: {API_KEY}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n"
            "Connection: close\r\n\r\n").encode()
    interim, response = _raw_exchange(server.port, head, body, expect_continue=True)
    assert interim.startswith(b"HTTP/1.1 100 Continue\r\n")
    assert response.startswith(b"HTTP/1.1 200 OK\r\n"), response[:200]


def test_keep_alive_serves_several_requests(server: RunningServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    for _ in range(3):
        connection.request("GET", "/models", headers={"Api-Key": API_KEY})
        response = connection.getresponse()
        assert response.status == 200
        response.read()
    connection.close()


def test_filename_escapes_are_decoded(server: RunningServer) -> None:
    tricky = 'my "best"\r\nshot.png'
    reply = send_form(server, "/v1/remove-background", [Part.file("image", PNG, tricky)])
    assert reply.status == 200, reply.body
    assert last(server)["parts"][0]["filename"] == tricky


def test_api_key_is_redacted_and_never_logged(server: RunningServer) -> None:
    assert send(server, "GET", "/models").status == 200
    described = last(server)
    assert described["headers"]["api-key"] == "<redacted>"
    assert API_KEY not in json.dumps(described)
    assert len(described["api_key_sha256"]) == 64
    assert send(server, "GET", f"/models?scope={API_KEY}").status == 400  # key leaks into a rejected query
    time.sleep(0.2)
    log = server.log()
    assert "GET /models -> 200" in log
    assert API_KEY not in log


# --------------------------------------------------------------------------
# Requests that must be rejected
# --------------------------------------------------------------------------


def test_missing_api_key(server: RunningServer) -> None:
    assert_rejected(send_form(server, V3_GENERATE, [Part.text("prompt", "x")], api_key=None), "'Api-Key'",
                    "required but missing")
    assert_rejected(send(server, "GET", "/models", api_key=None), "'Api-Key'")


def test_missing_required_prompt(server: RunningServer) -> None:
    assert_rejected(send_form(server, V3_GENERATE, [Part.text("seed", "1")]), "part 'prompt': required but missing")


def test_enum_value_not_in_enum(server: RunningServer) -> None:
    assert_rejected(send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.text("rendering_speed", "WARP")]),
                    "part 'rendering_speed'", "'WARP' is not one of")


def test_enum_flash_is_not_allowed_for_transparent(server: RunningServer) -> None:
    reply = send_form(server, "/v1/ideogram-v3/generate-transparent",
                      [Part.text("prompt", "x"), Part.text("rendering_speed", "FLASH")])
    assert_rejected(reply, "'FLASH' is not one of")


@pytest.mark.parametrize("value", ["abc", "1.0", "", " 1", "+1"])
def test_integer_text_part_must_convert(server: RunningServer, value: str) -> None:
    reply = send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.text("num_images", value)])
    assert_rejected(reply, "part 'num_images'", "is not a valid integer")


def test_boolean_text_part_must_convert(server: RunningServer) -> None:
    reply = send_form(server, "/v1/edit", [Part.text("prompt", "x"), Part.text("transparent_background", "yes")])
    assert_rejected(reply, "part 'transparent_background'", "is not a valid boolean")


def test_binary_field_sent_as_text(server: RunningServer) -> None:
    reply = send_form(server, "/v1/remove-background", [Part.text("image", "not a file")])
    assert_rejected(reply, "part 'image'", "binary field", "without a filename")


def test_file_part_needs_nonempty_filename_and_type(server: RunningServer) -> None:
    assert_rejected(send_form(server, "/v1/remove-background", [Part("image", PNG, filename="", content_type="image/png")]),
                    "filename parameter is empty")
    assert_rejected(send_form(server, "/v1/remove-background", [Part("image", PNG, filename="a.png")]),
                    "needs a Content-Type")


def test_text_field_sent_as_file(server: RunningServer) -> None:
    reply = send_form(server, V3_GENERATE, [Part("prompt", b"x", filename="prompt.txt", content_type="text/plain")])
    assert_rejected(reply, "part 'prompt'", "sent as a file part")


def test_color_palette_not_json(server: RunningServer) -> None:
    reply = send_form(server, V3_GENERATE, [Part.text("prompt", "x"),
                                            Part("color_palette", b"{name: EMBER}", content_type="application/json")])
    assert_rejected(reply, "part 'color_palette'", "not valid JSON")


def test_color_palette_fails_schema(server: RunningServer) -> None:
    reply = send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.json("color_palette", {"name": "NEON"})])
    assert_rejected(reply, "part 'color_palette'", "is not valid under any of the given schemas", "'NEON'")
    both = {"name": "EMBER", "members": [{"color_hex": "#FFFFFF"}]}
    assert_rejected(send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.json("color_palette", both)]),
                    "part 'color_palette'")
    bad_member = {"members": [{"color_weight": 0.5}]}
    assert_rejected(send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.json("color_palette", bad_member)]),
                    "'color_hex' is a required property")


def test_color_palette_without_json_content_type(server: RunningServer) -> None:
    reply = send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.text("color_palette", '{"name":"EMBER"}')])
    assert_rejected(reply, "part 'color_palette'", "Content-Type: application/json")


def test_legacy_image_request_part_is_validated(server: RunningServer) -> None:
    reply = send_form(server, "/remix", [Part.json("image_request", {"model": "V_2"}), Part.file("image_file")])
    assert_rejected(reply, "part 'image_request'", "'prompt' is a required property")


def test_unknown_part(server: RunningServer) -> None:
    reply = send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.text("promt", "typo")])
    assert_rejected(reply, "part 'promt': unknown field")


def test_single_field_sent_twice(server: RunningServer) -> None:
    reply = send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.text("prompt", "y")])
    assert_rejected(reply, "part 'prompt': sent 2 times")


def test_lf_only_line_endings(server: RunningServer) -> None:
    body, content_type = encode_multipart([Part.text("prompt", "x")], newline=b"\n")
    assert_rejected(send(server, "POST", V3_GENERATE, body, content_type), "LF-only line endings")


def test_missing_closing_delimiter(server: RunningServer) -> None:
    body, content_type = encode_multipart([Part.text("prompt", "x")], closing=False)
    assert_rejected(send(server, "POST", V3_GENERATE, body, content_type), "closing '--boundary--' is missing")


def test_body_not_starting_with_boundary(server: RunningServer) -> None:
    body, content_type = encode_multipart([Part.text("prompt", "x")])
    assert_rejected(send(server, "POST", V3_GENERATE, b"preamble\r\n" + body, content_type),
                    "does not start with '--' + boundary")


@pytest.mark.parametrize("content_type,fragment", [
    ("multipart/form-data", "no boundary parameter"),
    ("multipart/form-data; boundary=" + "b" * 71, "RFC 2046 allows 1 to 70"),
    ("multipart/form-data; boundary=\"\"", "RFC 2046 allows 1 to 70"),
    ("multipart/mixed; boundary=abc", "not accepted"),
    ("application/json", "not accepted"),
])
def test_bad_multipart_content_type(server: RunningServer, content_type: str, fragment: str) -> None:
    body, _ = encode_multipart([Part.text("prompt", "x")])
    assert_rejected(send(server, "POST", V3_GENERATE, body, content_type), fragment)


def test_part_without_disposition_name_or_with_filename_star(server: RunningServer) -> None:
    boundary = "XyZ"
    content_type = f"multipart/form-data; boundary={boundary}"
    no_name = b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n"
    assert_rejected(send(server, "POST", V3_GENERATE, no_name, content_type), "no name parameter")
    no_disposition = b"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n"
    assert_rejected(send(server, "POST", V3_GENERATE, no_disposition, content_type), "no Content-Disposition")
    star = (b"--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename*=UTF-8''a.png\r\n"
            b"Content-Type: image/png\r\n\r\nx\r\n--XyZ--\r\n")
    assert_rejected(send(server, "POST", "/v1/remove-background", star, content_type), "'filename*'")
    attachment = b"--XyZ\r\nContent-Disposition: attachment; name=\"prompt\"\r\n\r\nx\r\n--XyZ--\r\n"
    assert_rejected(send(server, "POST", V3_GENERATE, attachment, content_type), "not 'form-data'")


def test_wrong_query_enum(server: RunningServer) -> None:
    assert_rejected(send(server, "GET", "/models?status=TRAINING&status=BOGUS"), "query parameter 'status'",
                    "'BOGUS' is not one of")


def test_unknown_or_repeated_query_parameter(server: RunningServer) -> None:
    assert_rejected(send(server, "GET", "/models?statuses=TRAINING"), "query parameter 'statuses': not declared")
    assert_rejected(send(server, "GET", "/models?scope=owned&scope=shared"), "sent 2 times but it is not an array")


def test_json_body_missing_image_request(server: RunningServer) -> None:
    assert_rejected(send_json(server, "/generate", {"prompt": "x"}), "'image_request' is a required property")


def test_json_body_strictness(server: RunningServer) -> None:
    assert_rejected(send_json(server, "/generate", {"image_request": {"prompt": "x", "num_images": "2"}}),
                    "'2' is not of type 'integer'")
    assert_rejected(send_json(server, "/datasets", {"name": "x", "extra": 1}), "'extra' was unexpected")
    assert_rejected(send(server, "POST", "/datasets", b'{"name": "a", "name": "b"}', "application/json"),
                    "more than once")
    assert_rejected(send(server, "POST", "/datasets", b'{"name": ', "application/json"), "not valid JSON")
    assert_rejected(send(server, "POST", "/datasets", b'{"name": "x"}', "text/plain"), "not accepted")
    assert_rejected(send(server, "POST", "/datasets", b"", "application/json"), "body: missing")


def test_body_on_operation_without_body(server: RunningServer) -> None:
    assert_rejected(send(server, "GET", "/models", b"{}", "application/json"), "takes no request body")


def test_unknown_path_and_wrong_method(server: RunningServer) -> None:
    assert send(server, "GET", "/v1/nothing-here").status == 404
    reply = send(server, "DELETE", "/models")
    assert reply.status == 405, reply.body
    assert "GET" in reply.headers["allow"]


def test_failure_header_is_only_honoured_for_valid_requests(server: RunningServer) -> None:
    reply = send(server, "GET", "/models", api_key=None, headers={"X-Test-Failure": "status-500"})
    assert_rejected(reply, "'Api-Key'")
    unknown = send(server, "GET", "/models", headers={"X-Test-Failure": "explode"})
    assert unknown.status == 400 and "unknown mode 'explode'" in unknown.errors[0]


def test_rejected_request_is_not_recorded(server: RunningServer) -> None:
    assert send(server, "GET", "/datasets/kept").status == 200
    before = request_count(server)
    send(server, "GET", "/models?status=BOGUS")
    assert request_count(server) == before
    assert last(server)["path"] == "/datasets/kept"


def test_request_must_be_valid_against_every_spec(tmp_path: Path) -> None:
    """A second spec that disagrees (no QUALITY speed) rejects what the first accepts."""
    document = yaml.safe_load(OUR_SPEC.read_text(encoding="utf-8"))
    document["components"]["schemas"]["RenderingSpeed"]["enum"].remove("QUALITY")
    narrower = tmp_path / "narrower.yml"
    narrower.write_text(yaml.safe_dump(document), encoding="utf-8")
    running = start_server(tmp_path, "--optional-spec", str(tmp_path / "missing.yml"),
                           specs=[OUR_SPEC, narrower])
    try:
        parts = [Part.text("prompt", "x"), Part.text("rendering_speed", "QUALITY")]
        reply = send_form(running, V3_GENERATE, parts)
        assert reply.status == 400
        assert [error.split(": ", 1)[0] for error in reply.errors] == [str(narrower)]
        parts[1] = Part.text("rendering_speed", "TURBO")
        assert send_form(running, V3_GENERATE, parts).status == 200
    finally:
        assert running.stop() == 0
    assert "missing.yml does not exist; skipped" in running.log()


# --------------------------------------------------------------------------
# Prefix mounting
# --------------------------------------------------------------------------


def test_prefix_mounting(prefixed: RunningServer) -> None:
    reply = send_form(prefixed, "/ideogram" + V3_GENERATE, [Part.text("prompt", "x")])
    assert reply.status == 200, reply.body
    assert_valid_response("POST", V3_GENERATE, reply)
    assert last(prefixed)["api_path"] == V3_GENERATE
    assert send_form(prefixed, V3_GENERATE, [Part.text("prompt", "x")]).status == 404
    assert send(prefixed, "GET", "/ideogramx/models").status == 404
    assert send(prefixed, "GET", "/ideogram/models").status == 200
    assert send(prefixed, "GET", "/__health", api_key=None).status == 200


# --------------------------------------------------------------------------
# Failure modes
# --------------------------------------------------------------------------


def fail(server: RunningServer, mode: str, path: str = V3_GENERATE, timeout: float = 30) -> Reply:
    if path == V3_GENERATE:
        return send_form(server, path, [Part.text("prompt", "x"), Part.text("style_type", "REALISTIC")],
                         headers={"X-Test-Failure": mode}, timeout=timeout)
    return send(server, "GET", path, headers={"X-Test-Failure": mode}, timeout=timeout)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500, 503])
def test_status_modes(server: RunningServer, status: int) -> None:
    reply = fail(server, f"status-{status}")
    assert reply.status == status
    assert reply.headers["content-type"] == "application/json"
    assert isinstance(reply.json()["error"], str)
    assert reply.headers.get("retry-after") == ("1" if status == 429 else None)


def test_safety_mode(server: RunningServer) -> None:
    reply = fail(server, "safety")
    assert reply.status == 422 and reply.json() == {"error": "Prompt failed the safety check."}


def test_html_502_mode(server: RunningServer) -> None:
    reply = fail(server, "html-502")
    assert reply.status == 502 and reply.headers["content-type"].startswith("text/html")
    assert reply.body.startswith(b"<html>")


def test_empty_500_mode(server: RunningServer) -> None:
    reply = fail(server, "empty-500")
    assert reply.status == 500 and reply.body == b"" and reply.headers["content-length"] == "0"


def test_truncated_json_mode(server: RunningServer) -> None:
    reply = fail(server, "truncated-json")
    assert reply.status == 200 and int(reply.headers["content-length"]) == len(reply.body) > 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(reply.body)


def test_unsafe_image_mode(server: RunningServer) -> None:
    reply = fail(server, "unsafe-image")
    assert reply.status == 200
    assert_valid_response("POST", V3_GENERATE, reply)
    for image in reply.json()["data"]:
        assert image["is_image_safe"] is False and image["url"] is None


def test_unsafe_image_empty_mode(server: RunningServer) -> None:
    reply = fail(server, "unsafe-image-empty")
    assert reply.status == 200
    images = reply.json()["data"]
    assert images and all(image["is_image_safe"] is False and image["url"] == "" for image in images)
    two = send_form(server, V3_GENERATE, [Part.text("prompt", "x"), Part.text("num_images", "2")],
                    headers={"X-Test-Failure": "unsafe-image-empty"})
    first, second = two.json()["data"]
    assert first["is_image_safe"] is True and first["url"].startswith("http")
    assert second["is_image_safe"] is False and second["url"] == ""


def test_extra_fields_mode(server: RunningServer) -> None:
    reply = fail(server, "extra-fields")
    assert reply.status == 200
    body = reply.json()
    assert "unexpected_field" in body and "unexpected_field" in body["data"][0]
    assert body["data"][0]["style_type"] == "NEW_STYLE" and body["data"][0]["prompt"] == "x"
    models = fail(server, "extra-fields", "/models").json()
    assert models["models"][0]["status"] == "NEW_STATUS" and "unexpected_object" in models["models"][0]


@pytest.mark.parametrize("mode,value", [("date-space", "2000-01-23 04:56:07+00:00"),
                                        ("date-z", "2000-01-23T04:56:07Z"),
                                        ("date-millis", "2026-03-31T10:00:00.000Z")])
def test_date_modes(server: RunningServer, mode: str, value: str) -> None:
    reply = fail(server, mode)
    assert reply.status == 200 and reply.json()["created"] == value


def test_normal_date_format(server: RunningServer) -> None:
    assert fail(server, "slow:0").json()["created"] == "2024-11-01T10:06:14.744267+00:00"


@pytest.mark.parametrize("mode,status", [("fail-then-ok", 429), ("fail503-then-ok", 503)])
def test_fail_then_ok_counts_per_key(server: RunningServer, mode: str, status: int) -> None:
    key = uuid.uuid4().hex
    statuses = [fail(server, f"{mode}:2:{key}") for _ in range(4)]
    assert [reply.status for reply in statuses] == [status, status, 200, 200]
    assert statuses[0].headers["retry-after"] == "0"
    other = fail(server, f"{mode}:1:{key}-other")
    assert other.status == status


def test_slow_mode(server: RunningServer) -> None:
    started = time.monotonic()
    reply = fail(server, "slow:400")
    assert reply.status == 200 and time.monotonic() - started >= 0.4
    with pytest.raises(socket.timeout):
        fail(server, "slow:3000", timeout=0.5)


def test_close_mode(server: RunningServer) -> None:
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        fail(server, "close")
    assert send(server, "GET", "/__health", api_key=None).status == 200


# --------------------------------------------------------------------------
# Lifecycle
# --------------------------------------------------------------------------


def test_sigterm_stops_the_server(tmp_path: Path) -> None:
    running = start_server(tmp_path, "--port-file", str(tmp_path / "port"), specs=[OUR_SPEC])
    assert (tmp_path / "port").read_text().strip() == str(running.port)
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(timeout=10) == 0


def test_idle_timeout_stops_the_server(tmp_path: Path) -> None:
    running = start_server(tmp_path, "--idle-timeout", "1", specs=[OUR_SPEC])
    assert running.process.wait(timeout=15) == 0
    assert "no request for 1 s" in running.log()
    running.process.stdin.close()
