#!/usr/bin/env python3
"""A loopback HTTP server that validates every request against OpenAPI specs.

It stands in for the Ideogram API in the Swift integration tests. Every
request is checked against each spec given with ``--spec``; it is accepted
only when it is valid against all of them. An accepted request is answered
with the operation's 200 response, generated from the response schema and
checked against every spec before it is sent. A rejected request gets a 400
(or 404 / 405) whose JSON body lists what was wrong, naming the spec file,
the field and the reason.

Validation is split in two:

* ``openapi-core`` matches the path and operation and validates the path,
  query, header and cookie parameters (the ``Api-Key`` header among them)
  and JSON request bodies.
* multipart/form-data bodies are parsed here, strictly, per RFC 2046 and
  RFC 7578, and each part is mapped onto the schema's properties: files,
  repeated parts for arrays, JSON parts for objects, typed text parts
  (integers, numbers, booleans, enums). openapi-core 0.23 does not do this
  correctly, so it is not asked to.

After a request has passed validation, the request header
``X-Test-Failure`` can select a failure mode (an error status, a malformed
body, a slow answer, a dropped connection, ...); see ``FAILURE_MODES`` and
the README beside this file.

Introspection, outside any ``--prefix``: ``GET /__health``, ``GET /__last``
(the last accepted request, with the Api-Key redacted) and
``GET /__requests`` (a summary of every accepted request).

The server binds 127.0.0.1 only, prints ``LISTENING http://127.0.0.1:PORT``
once it listens, and exits when its standard input closes, on SIGTERM or
SIGINT, when its parent process goes away, or after an idle timeout.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as JSONSchemaError
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound, ServerNotFound
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.validation.request.validators import (
    V31RequestBodyValidator,
    V31RequestParametersValidator,
    V31RequestSecurityValidator,
)
from openapi_core.validation.response.validators import V31ResponseValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from werkzeug.datastructures import Headers, ImmutableMultiDict

# --------------------------------------------------------------------------
# Limits and constants
# --------------------------------------------------------------------------

#: Largest request body accepted, in bytes (the API allows ~10 MB per image).
MAX_BODY_BYTES = 64 * 1024 * 1024
#: Longest a ``slow:MS`` failure mode may sleep.
MAX_SLOW_MS = 30_000
#: Longest line accepted while reading chunked framing.
MAX_CHUNK_LINE = 4096
#: How many accepted requests ``/__requests`` remembers.
MAX_REMEMBERED_REQUESTS = 1000
#: Longest rendering of one validation message.
MAX_MESSAGE_CHARS = 400

REDACTED = "<redacted>"
API_KEY_HEADER = "Api-Key"
FAILURE_HEADER = "X-Test-Failure"

#: The fixed ``date-time`` of generated responses.
GENERATED_DATE_TIME = "2024-11-01T10:06:14.744267+00:00"
#: ``date-time`` values of the ``date-*`` failure modes.
DATE_MODES = {
    "date-space": "2000-01-23 04:56:07+00:00",
    "date-z": "2000-01-23T04:56:07Z",
    "date-millis": "2026-03-31T10:00:00.000Z",
}
#: Statuses of the ``status-NNN`` failure modes, with their JSON bodies.
STATUS_MODES = {
    400: "The request input was invalid.",
    401: "The API key is missing or not valid.",
    403: "The caller is not allowed to use this endpoint.",
    404: "The requested resource could not be found.",
    429: "Too many requests: the rate limit was exceeded.",
    500: "The server hit an internal error.",
    503: "The service is unavailable for the moment.",
}
SAFETY_ERROR = "Prompt failed the safety check."
HTML_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)

#: One line describing each failure mode, for error messages and the README.
FAILURE_MODES = {
    "status-400|401|403|404|429|500|503": "that status with a JSON body {\"error\": ...}; 429 adds Retry-After: 1",
    "safety": "422 with {\"error\": \"Prompt failed the safety check.\"}",
    "html-502": "502 with an HTML page (Content-Type: text/html)",
    "empty-500": "500 with an empty body",
    "truncated-json": "200 whose JSON body is cut in half",
    "unsafe-image": "200 whose image objects have is_image_safe false and url null",
    "unsafe-image-empty": "200 whose image objects have is_image_safe false and url \"\" (the spec's prose: the url \"will be empty\"); "
                          "the first image of a list stays safe",
    "extra-fields": "200 with unknown fields at every object level and unknown string-enum values",
    "date-space|date-z|date-millis": "200 whose date-time fields use another date format",
    "fail-then-ok:N:KEY": "the first N requests with KEY get 429 (Retry-After: 0), later ones 200",
    "fail503-then-ok:N:KEY": "the first N requests with KEY get 503 (Retry-After: 0), later ones 200",
    "slow:MS": "sleep MS milliseconds (at most 30000) before the normal answer",
    "close": "close the connection without any response",
}

# RFC 7230 token characters.
_TCHAR = set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# RFC 2046 boundary characters (a space is allowed, but not at the end).
_BOUNDARY_RE = re.compile(r"[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]")
_INTEGER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WHATWG_ESCAPES = re.compile(r"%(22|0D|0A)")
_WHATWG_DECODED = {"22": '"', "0D": "\r", "0A": "\n"}


class RequestRejected(Exception):
    """A request that cannot be served; carries the status and messages."""

    def __init__(self, status: int, messages: Sequence[str], close: bool = False,
                 headers: Optional[Dict[str, str]] = None):
        super().__init__("; ".join(messages))
        self.status = status
        self.messages = list(messages)
        self.close = close
        self.headers = headers or {}


def _clip(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Shortens ``text`` to ``limit`` characters, marking the cut."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_bytes(value: Any) -> bytes:
    """Serialises ``value`` as compact UTF-8 JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _strict_json_loads(data: bytes, what: str) -> Any:
    """Parses JSON strictly: UTF-8, no duplicate keys, no NaN or Infinity.

    Raises ``ValueError`` naming ``what`` when the text is not such JSON.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{what} is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None

    def no_duplicates(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
        result: Dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"{what} has the key {key!r} more than once")
            result[key] = value
        return result

    def no_constants(name: str) -> Any:
        raise ValueError(f"{what} contains {name}, which is not JSON")

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


# --------------------------------------------------------------------------
# Header parameter parsing (Content-Type, Content-Disposition)
# --------------------------------------------------------------------------


def _parse_header_parameters(value: str, what: str, backslash_escapes: bool) -> Tuple[str, List[Tuple[str, str]]]:
    """Splits ``type; name=value; ...`` into the lowercased first token and
    its parameters, in order, names lowercased.

    Values are tokens or quoted strings. ``backslash_escapes`` selects HTTP
    quoted-pair handling (Content-Type); form-data parameters use WHATWG
    percent-escapes instead, where a backslash is an ordinary character.
    Raises ``ValueError`` on anything that does not follow that grammar.
    """
    pos = 0
    length = len(value)

    def skip_ows() -> None:
        nonlocal pos
        while pos < length and value[pos] in " \t":
            pos += 1

    def read_token() -> str:
        nonlocal pos
        start = pos
        while pos < length and value[pos] in _TCHAR:
            pos += 1
        return value[start:pos]

    skip_ows()
    start = pos
    while pos < length and (value[pos] in _TCHAR or value[pos] == "/"):
        pos += 1
    main = value[start:pos].lower()
    if not main:
        raise ValueError(f"{what} has no value before its parameters")
    params: List[Tuple[str, str]] = []
    while True:
        skip_ows()
        if pos >= length:
            break
        if value[pos] != ";":
            raise ValueError(f"{what} has unexpected text {value[pos:pos + 20]!r} (a ';' was expected)")
        pos += 1
        skip_ows()
        name = read_token().lower()
        if not name:
            raise ValueError(f"{what} has a ';' not followed by a parameter name")
        if pos >= length or value[pos] != "=":
            raise ValueError(f"{what} parameter {name!r} has no '=' right after its name")
        pos += 1
        if pos < length and value[pos] == '"':
            pos += 1
            chars: List[str] = []
            while True:
                if pos >= length:
                    raise ValueError(f"{what} parameter {name!r} has an unterminated quoted string")
                char = value[pos]
                if char == '"':
                    pos += 1
                    break
                if char == "\\" and backslash_escapes:
                    if pos + 1 >= length:
                        raise ValueError(f"{what} parameter {name!r} ends in a lone backslash")
                    chars.append(value[pos + 1])
                    pos += 2
                    continue
                chars.append(char)
                pos += 1
            param_value = "".join(chars)
        else:
            param_value = read_token()
            if not param_value:
                raise ValueError(f"{what} parameter {name!r} has an empty or malformed value")
        if any(existing == name for existing, _ in params):
            raise ValueError(f"{what} has the parameter {name!r} more than once")
        params.append((name, param_value))
    return main, params


def _parse_content_type(value: str, what: str = "Content-Type") -> Tuple[str, Dict[str, str]]:
    """Parses a media type; returns the lowercased ``type/subtype`` and params."""
    main, params = _parse_header_parameters(value, what, backslash_escapes=True)
    if main.count("/") != 1 or main.startswith("/") or main.endswith("/"):
        raise ValueError(f"{what} {value!r} is not a type/subtype media type")
    return main, dict(params)


def decode_whatwg_escapes(value: str) -> str:
    """Reverses the WHATWG form-data escaping of a name or filename:
    ``%22`` becomes ``"``, ``%0D`` CR and ``%0A`` LF; nothing else changes."""
    return _WHATWG_ESCAPES.sub(lambda match: _WHATWG_DECODED[match.group(1)], value)


# --------------------------------------------------------------------------
# multipart/form-data parsing (RFC 2046, RFC 7578)
# --------------------------------------------------------------------------


@dataclass
class FormPart:
    """One body part of a multipart/form-data body."""

    name: str
    filename: Optional[str]
    content_type: Optional[str]
    media_type: Optional[str]
    media_params: Dict[str, str]
    body: bytes

    def describe(self) -> Dict[str, Any]:
        """The part as ``/__last`` reports it (text for non-file parts)."""
        info: Dict[str, Any] = {
            "name": self.name,
            "filename": self.filename,
            "content_type": self.content_type,
            "size": len(self.body),
            "sha256": hashlib.sha256(self.body).hexdigest(),
        }
        if self.filename is None:
            try:
                info["text"] = self.body.decode("utf-8")
            except UnicodeDecodeError:
                info["text"] = None
        return info


def multipart_boundary(content_type: str) -> str:
    """Returns the boundary of a ``multipart/form-data`` Content-Type.

    Raises ``ValueError`` unless the header is exactly
    ``multipart/form-data; boundary=...`` with a valid 1-70 character
    boundary (RFC 2046 section 5.1.1).
    """
    media_type, params = _parse_content_type(content_type)
    if media_type != "multipart/form-data":
        raise ValueError(f"Content-Type is {media_type!r}, not 'multipart/form-data'")
    unknown = sorted(set(params) - {"boundary"})
    if unknown:
        raise ValueError(f"Content-Type has parameters other than boundary: {', '.join(unknown)}")
    boundary = params.get("boundary")
    if boundary is None:
        raise ValueError("Content-Type multipart/form-data has no boundary parameter")
    if not 1 <= len(boundary) <= 70:
        raise ValueError(f"the multipart boundary is {len(boundary)} characters long; RFC 2046 allows 1 to 70")
    if not _BOUNDARY_RE.fullmatch(boundary):
        raise ValueError(f"the multipart boundary {boundary!r} has characters RFC 2046 does not allow "
                         "(or ends in a space)")
    return boundary


def parse_multipart(body: bytes, boundary: str) -> List[FormPart]:
    """Splits a multipart/form-data body into its parts, strictly.

    The body must use CRLF line ends, start with ``--boundary``, give every
    part a ``Content-Disposition: form-data; name="..."`` header (and at
    most a Content-Type besides), and end with the closing
    ``--boundary--`` delimiter, optionally followed by one CRLF. Filenames
    and names are WHATWG-unescaped; ``filename*`` is rejected. Raises
    ``ValueError`` with a precise message on any deviation.
    """
    dash_boundary = b"--" + boundary.encode("ascii")
    delimiter = b"\r\n" + dash_boundary
    if not body:
        raise ValueError("the multipart body is empty")
    if not body.startswith(dash_boundary):
        raise ValueError("the multipart body does not start with '--' + boundary "
                         f"(it starts with {body[:40]!r})")
    if body.startswith(dash_boundary + b"\n") or (b"\r\n" not in body and b"\n" in body):
        raise ValueError("the multipart body uses LF-only line endings; RFC 2046 requires CRLF")
    data = b"\r\n" + body
    position = len(delimiter)
    parts: List[FormPart] = []
    while True:
        after = data[position:position + 2]
        if after == b"--":
            epilogue = data[position + 2:]
            if epilogue not in (b"", b"\r\n"):
                raise ValueError(f"unexpected bytes after the closing delimiter: {epilogue[:40]!r}")
            break
        if after != b"\r\n":
            raise ValueError(f"a boundary delimiter is followed by {after!r}, not CRLF or '--' "
                             "(LF-only line endings or transport padding?)")
        start = position + 2
        end = data.find(delimiter, start)
        if end < 0:
            raise ValueError(f"part {len(parts) + 1} is not terminated: the body has no further boundary "
                             "delimiter (the closing '--boundary--' is missing)")
        parts.append(_parse_part(data[start:end], len(parts) + 1))
        position = end + len(delimiter)
    if not parts:
        raise ValueError("the multipart body has no parts (RFC 2046 requires at least one)")
    return parts


def _parse_part(raw: bytes, number: int) -> FormPart:
    """Parses one body part: its header lines, then its content."""
    where = f"part {number}"
    if raw.startswith(b"\r\n"):
        header_block, content = b"", raw[2:]
    else:
        split = raw.find(b"\r\n\r\n")
        if split < 0:
            raise ValueError(f"{where} has no blank CRLF line between its headers and its content")
        header_block, content = raw[:split], raw[split + 4:]
    try:
        header_text = header_block.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{where} has headers that are not valid UTF-8") from None
    headers: Dict[str, str] = {}
    for line in header_text.split("\r\n") if header_text else []:
        if "\n" in line or "\r" in line:
            raise ValueError(f"{where} has a header line with a bare CR or LF: {line!r}")
        if line[:1] in (" ", "\t"):
            raise ValueError(f"{where} has a folded header line, which RFC 7578 does not allow: {line!r}")
        name, colon, value = line.partition(":")
        if not colon or not name or any(char not in _TCHAR for char in name):
            raise ValueError(f"{where} has a malformed header line: {line!r}")
        if any(ord(char) < 0x20 and char != "\t" or ord(char) == 0x7F for char in value):
            raise ValueError(f"{where} header {name!r} contains control characters")
        key = name.lower()
        if key not in ("content-disposition", "content-type"):
            raise ValueError(f"{where} has the header {name!r}; form-data parts may only carry "
                             "Content-Disposition and Content-Type")
        if key in headers:
            raise ValueError(f"{where} has the header {name!r} more than once")
        headers[key] = value.strip(" \t")
    disposition = headers.get("content-disposition")
    if disposition is None:
        raise ValueError(f"{where} has no Content-Disposition header")
    kind, params = _parse_header_parameters(disposition, f"{where} Content-Disposition", backslash_escapes=False)
    if kind != "form-data":
        raise ValueError(f"{where} Content-Disposition is {kind!r}, not 'form-data'")
    param_map = dict(params)
    if "filename*" in param_map:
        raise ValueError(f"{where} uses a 'filename*' parameter, which RFC 7578 forbids in form-data")
    unknown = sorted(set(param_map) - {"name", "filename"})
    if unknown:
        raise ValueError(f"{where} Content-Disposition has unknown parameters: {', '.join(unknown)}")
    if "name" not in param_map:
        raise ValueError(f"{where} Content-Disposition has no name parameter")
    name = decode_whatwg_escapes(param_map["name"])
    if not name:
        raise ValueError(f"{where} has an empty name")
    filename = param_map.get("filename")
    if filename is not None:
        filename = decode_whatwg_escapes(filename)
    content_type = headers.get("content-type")
    media_type: Optional[str] = None
    media_params: Dict[str, str] = {}
    if content_type is not None:
        media_type, media_params = _parse_content_type(content_type, f"part {name!r} Content-Type")
    return FormPart(name, filename, content_type, media_type, media_params, content)


# --------------------------------------------------------------------------
# Specs: loading, $ref resolution, schema classification
# --------------------------------------------------------------------------


def _escape_pointer(token: str) -> str:
    """Escapes one JSON-pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _schema_types(schema: Dict[str, Any]) -> List[str]:
    """The schema's ``type`` as a list (``[]`` when absent)."""
    declared = schema.get("type")
    if declared is None:
        return []
    return [declared] if isinstance(declared, str) else list(declared)


def _strictify(document: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of ``document`` whose object schemas forbid unknown properties.

    Every schema with ``properties`` and no ``additionalProperties`` gets
    ``additionalProperties: false``, except schemas composed with
    ``allOf`` and the members of an ``allOf`` (inline ones, and the targets
    of ``$ref``s listed in one), where it would reject the other members'
    properties; the ``allOf`` schema itself gets ``unevaluatedProperties:
    false`` instead, which sees the properties of all its members. Used for
    request bodies only: a client sending a property the spec does not know
    is a bug.
    """
    strict = copy.deepcopy(document)
    spared: set = set()

    def collect(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            members = node.get("allOf")
            for index, member in enumerate(members if isinstance(members, list) else []):
                if isinstance(member, dict) and isinstance(member.get("$ref"), str):
                    spared.add(member["$ref"])
                elif isinstance(member, dict):
                    spared.add(f"#{pointer}/allOf/{index}")
            for key, value in node.items():
                collect(value, pointer + "/" + _escape_pointer(str(key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                collect(value, f"{pointer}/{index}")

    def mark(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            if (isinstance(node.get("properties"), dict) and "additionalProperties" not in node
                    and "unevaluatedProperties" not in node and "allOf" not in node
                    and "#" + pointer not in spared):
                node["additionalProperties"] = False
            if (isinstance(node.get("allOf"), list) and "additionalProperties" not in node
                    and "unevaluatedProperties" not in node and "#" + pointer not in spared):
                node["unevaluatedProperties"] = False
            for key, value in node.items():
                mark(value, pointer + "/" + _escape_pointer(str(key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                mark(value, f"{pointer}/{index}")

    collect(strict, "")
    mark(strict, "")
    return strict


class LoadedSpec:
    """One OpenAPI document with the validators built from it."""

    def __init__(self, path: str):
        self.path = path
        self.label = path
        with open(path, "r", encoding="utf-8") as handle:
            self.document: Dict[str, Any] = yaml.safe_load(handle)
        if not isinstance(self.document, dict) or "paths" not in self.document:
            raise ValueError(f"{path} is not an OpenAPI document")
        uri = Path(path).resolve().as_uri()
        self.openapi = OpenAPI.from_dict(self.document, base_uri=uri)
        spec = self.openapi.spec
        self.path_finder = APICallPathFinder(spec)
        self.parameters_validator = V31RequestParametersValidator(spec)
        self.security_validator = V31RequestSecurityValidator(spec)
        self.body_validator = V31RequestBodyValidator(spec, forbid_unspecified_additional_properties=True)
        self.response_validator = V31ResponseValidator(spec)
        servers = self.document.get("servers") or [{"url": "/"}]
        server = urlsplit(str(servers[0].get("url", "/")))
        if server.scheme and server.netloc:
            self.host_url = f"{server.scheme}://{server.netloc}"
        else:
            self.host_url = "http://localhost"
        self.base_path = server.path.rstrip("/")
        self._registry_uri = "urn:validating-server:" + hashlib.sha256(uri.encode()).hexdigest()[:16]
        self._strict_registry = Registry().with_resource(
            self._registry_uri,
            Resource.from_contents(_strictify(self.document), default_specification=DRAFT202012))
        self._plain_registry = Registry().with_resource(
            self._registry_uri, Resource.from_contents(self.document, default_specification=DRAFT202012))
        self._validators: Dict[Tuple[str, bool], Draft202012Validator] = {}

    def resolve(self, pointer: str) -> Tuple[str, Dict[str, Any]]:
        """Follows ``$ref``s from the JSON pointer ``pointer`` (``#/...``);
        returns the final pointer and the schema there. A ``$ref`` met on the
        way (a ``requestBody`` shared through ``components``, say) is followed
        too, and the rest of the pointer is applied to its target."""
        seen = set()
        while True:
            if pointer in seen:
                raise ValueError(f"{self.label}: $ref cycle at {pointer}")
            seen.add(pointer)
            node: Any = self.document
            tokens = pointer.lstrip("#").split("/")[1:]
            redirected: Optional[str] = None
            for position, raw_token in enumerate(tokens):
                token = raw_token.replace("~1", "/").replace("~0", "~")
                if (isinstance(node, dict) and token not in node and isinstance(node.get("$ref"), str)
                        and node["$ref"].startswith("#")):
                    redirected = node["$ref"] + "".join("/" + rest for rest in tokens[position:])
                    break
                node = node[int(token)] if isinstance(node, list) else node[token]
            if redirected is not None:
                pointer = redirected
                continue
            if isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
                pointer = node["$ref"]
                continue
            return pointer, node

    def validator(self, pointer: str, strict: bool) -> Draft202012Validator:
        """A Draft 2020-12 validator for the schema at ``pointer``, with every
        ``$ref`` of the spec resolvable; ``strict`` forbids unknown properties."""
        key = (pointer, strict)
        if key not in self._validators:
            registry = self._strict_registry if strict else self._plain_registry
            self._validators[key] = Draft202012Validator(
                {"$ref": self._registry_uri + pointer}, registry=registry, format_checker=FormatChecker())
        return self._validators[key]


@dataclass
class Operation:
    """A matched operation of one spec."""

    spec: LoadedSpec
    pattern: str
    method: str
    document: Dict[str, Any]
    path_variables: Dict[str, str]

    @property
    def operation_id(self) -> str:
        return str(self.document.get("operationId", f"{self.method.upper()} {self.pattern}"))

    @property
    def pointer(self) -> str:
        return f"#/paths/{_escape_pointer(self.pattern)}/{self.method}"

    def request_body(self) -> Tuple[str, Optional[Dict[str, Any]]]:
        """The pointer and object of the operation's ``requestBody``, with a
        ``$ref`` (to ``components/requestBodies``) followed; ``None`` when
        the operation has no body."""
        pointer = f"{self.pointer}/requestBody"
        body = self.document.get("requestBody")
        if isinstance(body, dict) and "$ref" in body:
            pointer, body = self.spec.resolve(pointer)
        return pointer, body or None


# --------------------------------------------------------------------------
# Requests as openapi-core sees them
# --------------------------------------------------------------------------


@dataclass
class CoreRequest:
    """A request in the shape of ``openapi_core.protocols.Request``."""

    host_url: str
    path: str
    method: str
    body: Optional[bytes]
    content_type: str
    parameters: RequestParameters


@dataclass
class CoreResponse:
    """A response in the shape of ``openapi_core.protocols.Response``."""

    status_code: int
    data: bytes
    content_type: str = "application/json"
    headers: Headers = field(default_factory=Headers)


@dataclass
class IncomingRequest:
    """Everything read off the wire for one request."""

    method: str
    raw_path: str
    query_string: str
    headers: List[Tuple[str, str]]
    body: bytes
    framing: str

    def header(self, name: str) -> Optional[str]:
        """The first value of header ``name`` (case-insensitive)."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def header_values(self, name: str) -> List[str]:
        """Every value of header ``name`` (case-insensitive)."""
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def query_pairs(self) -> List[Tuple[str, str]]:
        return parse_qsl(self.query_string, keep_blank_values=True)

    def cookies(self) -> List[Tuple[str, str]]:
        """Cookie pairs from every Cookie header."""
        pairs: List[Tuple[str, str]] = []
        for value in self.header_values("Cookie"):
            jar = SimpleCookie()
            try:
                jar.load(value)
            except CookieError:
                continue
            pairs.extend((name, morsel.value) for name, morsel in jar.items())
        return pairs

    def core_request(self, spec: LoadedSpec, api_path: str) -> CoreRequest:
        """This request addressed to ``spec``'s server, for openapi-core."""
        return CoreRequest(
            host_url=spec.host_url,
            path=spec.base_path + api_path,
            method=self.method.lower(),
            body=self.body,
            content_type=(self.header("Content-Type") or "").lower(),
            parameters=RequestParameters(
                query=ImmutableMultiDict(self.query_pairs),
                header=Headers(self.headers),
                cookie=ImmutableMultiDict(self.cookies()),
                path={},
            ),
        )


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def _render_json_path(prefix: str, path: Iterable[Any]) -> str:
    rendered = prefix
    for token in path:
        rendered += f"[{token}]" if isinstance(token, int) else f".{token}"
    return rendered


def render_schema_error(error: JSONSchemaError, field_name: str) -> str:
    """``field.path: message``, with the reasons of failed oneOf/anyOf branches."""
    message = error.message
    if error.context:
        reasons = sorted({_render_json_path("", sub.absolute_path).lstrip(".") + (": " if sub.absolute_path else "")
                          + sub.message for sub in error.context})
        message += " (" + "; ".join(_clip(reason, 160) for reason in reasons[:4]) + ")"
    return _clip(f"{_render_json_path(field_name, error.absolute_path)}: {message}")


def _schema_errors_of(exc: BaseException) -> List[JSONSchemaError]:
    """The jsonschema errors behind an openapi-core exception, if any."""
    seen = set()
    current: Optional[BaseException] = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        errors = getattr(current, "schema_errors", None)
        if errors:
            return [error for error in errors if isinstance(error, JSONSchemaError)]
        current = current.__cause__ or current.__context__
    return []


def _cause_text(exc: BaseException) -> str:
    """The innermost readable reason of an openapi-core exception."""
    current: Optional[BaseException] = exc
    text = str(exc)
    while current is not None:
        text = str(current) or text
        current = current.__cause__
    return text


def describe_core_error(exc: BaseException) -> List[str]:
    """Turns an openapi-core validation exception into messages."""
    name = getattr(exc, "name", None)
    location = getattr(exc, "location", None)
    if name is not None and location is not None:
        what = f"{location} parameter {name!r}"
        if type(exc).__name__ == "MissingRequiredParameter":
            return [f"{what}: required but missing"]
        errors = _schema_errors_of(exc)
        if errors:
            return [render_schema_error(error, what) for error in errors]
        return [_clip(f"{what}: {_cause_text(exc)}")]
    errors = _schema_errors_of(exc)
    if errors:
        return [render_schema_error(error, "body") for error in errors]
    return [_clip(_cause_text(exc))]


class FieldKind:
    """How a multipart property is sent."""

    FILE = "file"
    FILES = "file array"
    JSON = "JSON"
    TEXT = "text"
    TEXTS = "text array"


def classify_property(spec: LoadedSpec, pointer: str) -> Tuple[str, Dict[str, Any]]:
    """Decides how the property schema at ``pointer`` travels in form-data.

    Returns the kind and the resolved scalar schema (for TEXT and TEXTS, the
    schema of one value). Binary strings are files, arrays of them repeated
    files, objects and compositions one JSON part, arrays of scalars
    repeated text parts, and scalars one text part.
    """
    resolved_pointer, schema = spec.resolve(pointer)

    def is_binary(candidate: Dict[str, Any]) -> bool:
        return "string" in _schema_types(candidate) and (
            candidate.get("format") == "binary"
            or ("contentMediaType" in candidate and "contentEncoding" not in candidate))

    types = [kind for kind in _schema_types(schema) if kind != "null"]
    if is_binary(schema):
        return FieldKind.FILE, schema
    if "array" in types:
        item_pointer, items = spec.resolve(resolved_pointer + "/items")
        item_types = [kind for kind in _schema_types(items) if kind != "null"]
        if is_binary(items):
            return FieldKind.FILES, items
        if any(key in items for key in ("oneOf", "anyOf", "allOf", "properties")) or "object" in item_types:
            return FieldKind.JSON, schema
        return FieldKind.TEXTS, items
    if any(key in schema for key in ("oneOf", "anyOf", "allOf", "properties")) or "object" in types:
        return FieldKind.JSON, schema
    return FieldKind.TEXT, schema


def convert_text(text: str, schema: Dict[str, Any]) -> Any:
    """Converts a text part to the scalar type of ``schema``.

    Integers, numbers and booleans must be written as in JSON; strings are
    taken as they are. Raises ``ValueError`` when the text does not convert.
    """
    types = [kind for kind in _schema_types(schema) if kind != "null"] or ["string"]
    if "string" in types:
        return text
    if "integer" in types and _INTEGER_RE.fullmatch(text):
        return int(text)
    if "number" in types and _NUMBER_RE.fullmatch(text):
        value = float(text)
        return int(value) if "integer" in types and value.is_integer() else value
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    raise ValueError(f"{text!r} is not a valid {' or '.join(types)}")


@dataclass
class AcceptedRequest:
    """A request that passed validation against every spec."""

    incoming: IncomingRequest
    api_path: str
    operations: List[Operation]
    parts: Optional[List[FormPart]]
    json_body: Any
    form_values: Dict[str, Any]

    @property
    def primary(self) -> Operation:
        return self.operations[0]

    def hints(self) -> Dict[str, Any]:
        """Request values the generated response may echo (prompt, seed, ...)."""
        values: Dict[str, Any] = {}
        for name, value in self.primary.path_variables.items():
            values[name] = unquote(value)
        for source in (self.form_values, self.json_body if isinstance(self.json_body, dict) else {}):
            for key, value in source.items():
                if isinstance(value, dict):
                    for inner_key, inner_value in value.items():
                        values.setdefault(inner_key, inner_value)
                else:
                    values[key] = value
        for key, value in parse_qsl(self.incoming.query_string, keep_blank_values=True):
            existing = values.get(key)
            if isinstance(existing, list):
                existing.append(value)
            elif key not in values:
                values[key] = [value]
        return values


_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _pattern_matches(pattern: str, path: str) -> bool:
    """Whether ``path`` fits the path template ``pattern`` (``/a/{id}``)."""
    regex = "".join("[^/]+" if re.fullmatch(r"\{[^/{}]+\}", piece) else re.escape(piece)
                    for piece in re.split(r"(\{[^/{}]+\})", pattern))
    return re.fullmatch(regex, path) is not None


class RequestValidator:
    """Validates requests against every loaded spec."""

    def __init__(self, specs: Sequence[LoadedSpec], api_key_header: str = API_KEY_HEADER):
        self.specs = list(specs)
        #: The header that carries the secret key (never repeated).
        self.api_key_header = api_key_header
        #: Serialises use of the openapi-core and jsonschema objects.
        self.lock = threading.RLock()

    def validate(self, incoming: IncomingRequest, api_path: str) -> AcceptedRequest:
        """Returns the accepted request or raises ``RequestRejected``."""
        with self.lock:
            return self._validate(incoming, api_path)

    def _validate(self, incoming: IncomingRequest, api_path: str) -> AcceptedRequest:
        operations: List[Operation] = []
        not_found: List[str] = []
        wrong_method: List[str] = []
        for spec in self.specs:
            core = incoming.core_request(spec, api_path)
            try:
                found = spec.path_finder.find(core.method, core.host_url + core.path)
            except (PathNotFound, ServerNotFound):
                not_found.append(f"{spec.label}: no path matches {api_path}")
                continue
            except OperationNotFound:
                wrong_method.append(f"{spec.label}: {api_path} has no {incoming.method} operation")
                continue
            pattern = found.path.parts[-1]
            method = core.method
            operations.append(Operation(spec, pattern, method, spec.document["paths"][pattern][method],
                                        dict(found.path_result.variables)))
        if not_found:
            raise RequestRejected(404, not_found + wrong_method)
        if wrong_method:
            allowed = sorted({method.upper() for spec in self.specs
                              for pattern, item in spec.document["paths"].items() if _pattern_matches(pattern, api_path)
                              for method in item if method in _HTTP_METHODS})
            raise RequestRejected(405, wrong_method, headers={"Allow": ", ".join(allowed)} if allowed else None)
        self._check_matched(incoming, operations)

        parts: Optional[List[FormPart]] = None
        multipart_error: Optional[str] = None
        if any(self._is_multipart_operation(operation) for operation in operations):
            try:
                parts = parse_multipart(incoming.body, multipart_boundary(incoming.header("Content-Type") or ""))
            except ValueError as exc:
                multipart_error = str(exc)

        errors: List[str] = []
        json_body: Any = None
        form_values: Dict[str, Any] = {}
        for operation in operations:
            spec_errors, values, parsed_json = self._validate_operation(
                operation, incoming, api_path, parts, multipart_error)
            errors.extend(f"{operation.spec.label}: {message}" for message in spec_errors)
            if not form_values:
                form_values = values
            if json_body is None:
                json_body = parsed_json
        if errors:
            raise RequestRejected(400, errors)
        return AcceptedRequest(incoming, api_path, operations, parts, json_body, form_values)

    def _check_matched(self, incoming: IncomingRequest, operations: List[Operation]) -> None:
        """Called once the path and method matched, before anything else is
        validated; may raise ``RequestRejected``. Nothing here; a subclass
        can reject early (a gateway refusing a request without its key)."""

    def _json_body_errors(self, operation: Operation, core: CoreRequest, json_body: Any,
                          media_pointer: str) -> List[str]:
        """Messages for a parsed JSON body (empty when valid); here
        openapi-core's body validator, unknown properties rejected."""
        errors: List[str] = []
        for exc in operation.spec.body_validator.iter_errors(core):
            errors.extend(describe_core_error(exc))
        return errors

    @staticmethod
    def _is_multipart_operation(operation: Operation) -> bool:
        content = (operation.request_body()[1] or {}).get("content") or {}
        return any(key.lower().startswith("multipart/form-data") for key in content)

    def _validate_operation(self, operation: Operation, incoming: IncomingRequest, api_path: str,
                            parts: Optional[List[FormPart]], multipart_error: Optional[str]
                            ) -> Tuple[List[str], Dict[str, Any], Any]:
        """Validates one operation of one spec; returns messages (empty when
        valid), the converted form values and the parsed JSON body."""
        spec = operation.spec
        core = incoming.core_request(spec, api_path)
        errors: List[str] = []
        for exc in spec.security_validator.iter_errors(core):
            errors.extend(describe_core_error(exc))
        for exc in spec.parameters_validator.iter_errors(core):
            errors.extend(describe_core_error(exc))
        errors.extend(self._query_strictness(operation, incoming))
        if len(incoming.header_values(self.api_key_header)) > 1:
            errors.append(f"header parameter {self.api_key_header!r}: sent more than once")

        body_pointer, request_body = operation.request_body()
        form_values: Dict[str, Any] = {}
        json_body: Any = None
        if not request_body:
            if incoming.body:
                errors.append(f"body: {operation.operation_id} takes no request body, "
                              f"but {len(incoming.body)} bytes were sent")
            return errors, form_values, json_body

        content: Dict[str, Any] = request_body.get("content") or {}
        content_type = incoming.header("Content-Type")
        if not incoming.body:
            errors.append(f"body: missing (the spec's requestBody is not marked required, but its schema "
                          f"has required properties; expected {', '.join(content)})")
            return errors, form_values, json_body
        if content_type is None:
            errors.append(f"header 'Content-Type': missing; expected {', '.join(content)}")
            return errors, form_values, json_body
        try:
            media_type, media_params = _parse_content_type(content_type)
        except ValueError as exc:
            errors.append(f"header 'Content-Type': {exc}")
            return errors, form_values, json_body
        matching = [key for key in content if key.split(";")[0].strip().lower() == media_type]
        if not matching:
            errors.append(f"header 'Content-Type': {media_type!r} is not accepted by {operation.operation_id}; "
                          f"expected {', '.join(content)}")
            return errors, form_values, json_body
        media_pointer = f"{body_pointer}/content/{_escape_pointer(matching[0])}"
        if media_type == "multipart/form-data":
            if multipart_error is not None:
                errors.append(f"body (multipart/form-data): {multipart_error}")
            elif parts is not None:
                part_errors, form_values = self._validate_form(spec, media_pointer + "/schema", parts)
                errors.extend(part_errors)
        elif media_type == "application/json" or media_type.endswith("+json"):
            charset = media_params.get("charset")
            if charset is not None and charset.lower() != "utf-8":
                errors.append(f"header 'Content-Type': charset {charset!r}; JSON must be UTF-8")
            try:
                json_body = _strict_json_loads(incoming.body, "the JSON body")
            except ValueError as exc:
                errors.append(f"body: {exc}")
            else:
                errors.extend(self._json_body_errors(operation, core, json_body, media_pointer))
        else:
            for exc in spec.body_validator.iter_errors(core):
                errors.extend(describe_core_error(exc))
        return errors, form_values, json_body

    @staticmethod
    def _query_strictness(operation: Operation, incoming: IncomingRequest) -> List[str]:
        """Rejects query parameters the operation does not declare, and
        repeats of parameters that are not arrays."""
        declared: Dict[str, Dict[str, Any]] = {}
        path_item = operation.spec.document["paths"][operation.pattern]
        for parameter in list(path_item.get("parameters", [])) + list(operation.document.get("parameters", [])):
            if isinstance(parameter, dict) and "$ref" in parameter:
                _, parameter = operation.spec.resolve(parameter["$ref"])
            if parameter.get("in") == "query":
                declared[parameter["name"]] = parameter
        errors: List[str] = []
        counts: Dict[str, int] = {}
        for key, _ in incoming.query_pairs:
            counts[key] = counts.get(key, 0) + 1
        for key, count in counts.items():
            parameter = declared.get(key)
            if parameter is None:
                known = ", ".join(sorted(declared)) or "none"
                errors.append(f"query parameter {key!r}: not declared by {operation.operation_id} (declared: {known})")
                continue
            schema = parameter.get("schema") or {}
            if "$ref" in schema:
                _, schema = operation.spec.resolve(schema["$ref"])
            if count > 1 and "array" not in _schema_types(schema):
                errors.append(f"query parameter {key!r}: sent {count} times but it is not an array")
        return errors

    def _validate_form(self, spec: LoadedSpec, schema_pointer: str, parts: List[FormPart]
                       ) -> Tuple[List[str], Dict[str, Any]]:
        """Maps form-data parts onto the object schema at ``schema_pointer``."""
        object_pointer, schema = spec.resolve(schema_pointer)
        properties: Dict[str, Any] = schema.get("properties") or {}
        required: List[str] = list(schema.get("required") or [])
        errors: List[str] = []
        values: Dict[str, Any] = {}
        grouped: Dict[str, List[FormPart]] = {}
        for part in parts:
            grouped.setdefault(part.name, []).append(part)
        for name, group in grouped.items():
            if name not in properties:
                if schema.get("additionalProperties") not in (None, False):
                    continue
                known = ", ".join(properties)
                errors.append(f"part {name!r}: unknown field (the schema's properties are: {known})")
                continue
            pointer = f"{object_pointer}/properties/{_escape_pointer(name)}"
            kind, item_schema = classify_property(spec, pointer)
            field_errors, value = self._validate_field(spec, pointer, name, kind, item_schema, group)
            errors.extend(field_errors)
            if not field_errors:
                values[name] = value
        for name in required:
            if name not in grouped:
                errors.append(f"part {name!r}: required but missing")
        return errors, values

    def _validate_field(self, spec: LoadedSpec, pointer: str, name: str, kind: str,
                        item_schema: Dict[str, Any], group: List[FormPart]) -> Tuple[List[str], Any]:
        """Validates the parts sent for one property; returns messages and
        the converted value."""
        where = f"part {name!r}"
        errors: List[str] = []
        if kind in (FieldKind.FILE, FieldKind.TEXT, FieldKind.JSON) and len(group) > 1:
            if not (kind == FieldKind.JSON and "array" in _schema_types(spec.resolve(pointer)[1])):
                return [f"{where}: sent {len(group)} times, but it is a single {kind} field"], None

        if kind in (FieldKind.FILE, FieldKind.FILES):
            for index, part in enumerate(group):
                label = where if len(group) == 1 else f"{where} #{index + 1}"
                if part.filename is None:
                    errors.append(f"{label}: is a binary field (format: binary) but was sent as a text part "
                                  "without a filename")
                elif part.filename == "":
                    errors.append(f"{label}: the filename parameter is empty")
                if part.content_type is None:
                    errors.append(f"{label}: a file part needs a Content-Type header")
            if kind == FieldKind.FILES and not errors:
                errors.extend(render_schema_error(error, f"part {name!r}") for error in
                              spec.validator(pointer, strict=True).iter_errors(["<file>"] * len(group))
                              if error.validator in ("minItems", "maxItems"))
            return errors, [part.filename for part in group] if kind == FieldKind.FILES else group[0].filename

        for part in group:
            if part.filename is not None:
                errors.append(f"{where}: is a {kind} field but was sent as a file part (filename={part.filename!r})")
        if errors:
            return errors, None

        if kind == FieldKind.JSON:
            decoded: List[Any] = []
            for part in group:
                if part.media_type != "application/json":
                    errors.append(f"{where}: a JSON field must be sent with Content-Type: application/json "
                                  f"(got {part.content_type!r})")
                    continue
                charset = part.media_params.get("charset")
                if charset is not None and charset.lower() != "utf-8":
                    errors.append(f"{where}: charset {charset!r}; JSON must be UTF-8")
                    continue
                try:
                    decoded.append(_strict_json_loads(part.body, f"{where}"))
                except ValueError as exc:
                    errors.append(str(exc))
            if errors:
                return errors, None
            value = decoded if "array" in _schema_types(spec.resolve(pointer)[1]) and len(group) > 1 else decoded[0]
            errors.extend(render_schema_error(error, where) for error in
                          sorted(spec.validator(pointer, strict=True).iter_errors(value), key=str))
            return errors, value

        texts: List[str] = []
        for part in group:
            if part.media_type not in (None, "text/plain"):
                errors.append(f"{where}: a text field must be sent without a Content-Type or as text/plain "
                              f"(got {part.content_type!r})")
                continue
            charset = part.media_params.get("charset")
            if charset is not None and charset.lower() not in ("utf-8", "us-ascii"):
                errors.append(f"{where}: charset {charset!r}; text must be UTF-8")
                continue
            try:
                texts.append(part.body.decode("utf-8"))
            except UnicodeDecodeError:
                errors.append(f"{where}: the text is not valid UTF-8")
        if errors:
            return errors, None
        converted: List[Any] = []
        for index, text in enumerate(texts):
            try:
                converted.append(convert_text(text, item_schema))
            except ValueError as exc:
                label = where if kind == FieldKind.TEXT else f"{where}[{index}]"
                errors.append(f"{label}: {exc}")
        if errors:
            return errors, None
        value = converted[0] if kind == FieldKind.TEXT else converted
        errors.extend(render_schema_error(error, where) for error in
                      sorted(spec.validator(pointer, strict=True).iter_errors(value), key=str))
        return errors, value


# --------------------------------------------------------------------------
# Response generation
# --------------------------------------------------------------------------

_STRING_EXAMPLES = {
    "prompt": "A lighthouse on a rocky coast at dawn, watercolor",
    "text": "A lighthouse stands on a rocky shore under a pastel morning sky.",
    "name": "Coastal Watercolors",
    "model_name": "Coastal Watercolors",
    "color_hex": "#3A7BD5",
    "training_status": "TRAINING",
    "resolution": "1024x1024",
    "upscaled_resolution": "2048x2048",
    "file_name": "lighthouse.jpg",
    "custom_model_uri": "model/coastal-watercolors/version/1",
    "error": "An error occurred.",
}


class ResponseGenerator:
    """Builds JSON values that are valid against a spec's response schemas.

    Every property is filled (required or not). Enums take their first
    value, ``date-time`` a fixed timestamp, ``uri`` an image URL on
    127.0.0.1, integers 1, strings realistic text chosen by property name.
    Values the request sent (prompt, seed, resolution, ids, ...) are echoed
    when they are valid for the response property. Arrays hold two items,
    and image ``data`` arrays ``num_images``; in items at odd positions,
    nullable properties are null and optional ones are left out, so that
    clients meet both shapes.

    The ``mode`` selects deliberate deviations for failure modes:
    ``extra-fields`` (unknown properties and enum values) and the
    ``date-*`` modes (``unsafe-image`` is applied afterwards).
    """

    _uri_counter = 0
    _counter_lock = threading.Lock()

    def __init__(self, spec: LoadedSpec, hints: Dict[str, Any], mode: Optional[str] = None):
        self.spec = spec
        self.hints = hints
        self.mode = mode

    @classmethod
    def _next_uri_number(cls) -> int:
        with cls._counter_lock:
            cls._uri_counter += 1
            return cls._uri_counter

    def generate(self, pointer: str) -> Any:
        """A value for the schema at ``pointer``."""
        return self._value(pointer, name="", index=0, depth=0)

    def _value(self, pointer: str, name: str, index: int, depth: int) -> Any:
        if depth > 12:
            return None
        pointer, schema = self.spec.resolve(pointer)
        types = _schema_types(schema)
        nullable = "null" in types
        if "const" in schema:
            return schema["const"]
        for composite in ("oneOf", "anyOf"):
            if composite in schema:
                return self._value(f"{pointer}/{composite}/0", name, index, depth + 1)
        if "allOf" in schema:
            merged: Dict[str, Any] = {}
            for member_index in range(len(schema["allOf"])):
                member = self._value(f"{pointer}/allOf/{member_index}", name, index, depth + 1)
                if isinstance(member, dict):
                    merged.update(member)
            return merged
        concrete = [kind for kind in types if kind != "null"]
        kind = concrete[0] if concrete else ("object" if "properties" in schema else None)
        if kind is None:
            return {} if not schema.get("enum") else schema["enum"][0]
        if kind == "object":
            return self._object(pointer, schema, index, depth)
        if kind == "array":
            count = 2
            if name == "data":
                count = self._num_images()
            items = []
            hint = self.hints.get(name)
            for item_index in range(count):
                items.append(self._value(pointer + "/items", name, item_index, depth + 1))
            if isinstance(hint, list) and hint and self._valid(pointer, hint):
                return hint
            return items
        if self.mode == "extra-fields" and kind == "string" and schema.get("enum"):
            return "NEW_" + (name.split("_")[0].upper() or "VALUE")
        hint = self._hint(pointer, name, index)
        if hint is not None:
            return hint
        if schema.get("enum"):
            return schema["enum"][0]
        if "default" in schema and not nullable:
            return schema["default"]
        if kind == "string":
            return self._string(schema, name, index)
        if kind == "integer":
            return 1
        if kind == "number":
            return 1.0
        if kind == "boolean":
            return True
        return None

    def _object(self, pointer: str, schema: Dict[str, Any], index: int, depth: int) -> Dict[str, Any]:
        result: Dict[str, Any] = {}
        required = set(schema.get("required") or [])
        odd = index % 2 == 1
        for prop in (schema.get("properties") or {}):
            prop_pointer = f"{pointer}/properties/{_escape_pointer(prop)}"
            _, prop_schema = self.spec.resolve(prop_pointer)
            nullable = "null" in _schema_types(prop_schema)
            if odd and prop != "url":
                if nullable:
                    result[prop] = None
                    continue
                if prop not in required:
                    continue
            result[prop] = self._value(prop_pointer, prop, index, depth + 1)
        if self.mode == "extra-fields":
            result["unexpected_field"] = "a field the spec does not define"
            result["unexpected_object"] = {"nested": True, "values": [1, 2, 3]}
        return result

    def _string(self, schema: Dict[str, Any], name: str, index: int) -> str:
        fmt = schema.get("format")
        if fmt == "date-time":
            return DATE_MODES.get(self.mode or "", GENERATED_DATE_TIME)
        if fmt == "date":
            return GENERATED_DATE_TIME[:10]
        if fmt in ("uri", "url") or name.endswith("url"):
            return f"https://127.0.0.1/images/{self._next_uri_number()}.png"
        if fmt == "uuid":
            return f"00000000-0000-4000-8000-{index + 1:012d}"
        if fmt == "email":
            return "user@example.com"
        if name in _STRING_EXAMPLES:
            return _STRING_EXAMPLES[name]
        if name.endswith("_id") or name == "id":
            stem = name[:-3] if name.endswith("_id") else "id"
            return f"{stem.replace('_', '-')}-{index + 1:04d}"
        return f"example {name or 'text'}"

    def _num_images(self) -> int:
        wanted = self.hints.get("num_images")
        if isinstance(wanted, int) and not isinstance(wanted, bool) and 1 <= wanted <= 8:
            return wanted
        return 1

    def _hint(self, pointer: str, name: str, index: int) -> Any:
        """The request's value for ``name`` when it fits the schema here."""
        if not name or name not in self.hints:
            return None
        value = self.hints[name]
        if isinstance(value, list):
            if not value:
                return None
            value = value[index % len(value)]
        if isinstance(value, (dict, list)):
            return None
        return value if self._valid(pointer, value) else None

    def _valid(self, pointer: str, value: Any) -> bool:
        return self.spec.validator(pointer, strict=False).is_valid(value)


def response_pointer(operation: Operation, status: str = "200") -> Optional[str]:
    """The pointer of the operation's ``application/json`` response schema."""
    responses = operation.document.get("responses") or {}
    response = responses.get(status)
    if response is None and status.isdigit():
        response = responses.get(int(status))  # an unquoted YAML key
    if response is None:
        return None
    base = f"{operation.pointer}/responses/{status}"
    if "$ref" in response:
        base, response = operation.spec.resolve(base)
    for media_type in (response.get("content") or {}):
        if media_type.split(";")[0].strip().lower() == "application/json" or media_type.endswith("+json"):
            if "schema" in response["content"][media_type]:
                return f"{base}/content/{_escape_pointer(media_type)}/schema"
    return None


def _make_unsafe(value: Any, empty: bool = False) -> Any:
    """Marks image objects unsafe: ``is_image_safe`` false and ``url`` null,
    or, with ``empty``, ``url`` the empty string as the spec's prose says
    ("the url field will be empty"). With ``empty``, a list of two or more
    images keeps its first one safe, so that a client must decode safe and
    unsafe images side by side."""
    if isinstance(value, dict):
        result = {key: _make_unsafe(inner, empty) for key, inner in value.items()}
        if "is_image_safe" in result:
            result["is_image_safe"] = False
            result["url"] = "" if empty else None
        return result
    if isinstance(value, list):
        items = [_make_unsafe(inner, empty) for inner in value]
        if empty and len(value) > 1 and isinstance(value[0], dict) and "is_image_safe" in value[0]:
            items[0] = value[0]
        return items
    return value


# --------------------------------------------------------------------------
# Failure modes
# --------------------------------------------------------------------------


@dataclass
class FailureMode:
    """A parsed ``X-Test-Failure`` value."""

    kind: str
    status: Optional[int] = None
    count: int = 0
    key: str = ""
    milliseconds: int = 0


def parse_failure_mode(value: str) -> FailureMode:
    """Parses an ``X-Test-Failure`` header; raises ``ValueError`` if unknown."""
    value = value.strip()
    if value.startswith("status-"):
        try:
            status = int(value[len("status-"):])
        except ValueError:
            status = -1
        if status not in STATUS_MODES:
            raise ValueError(f"{value!r}: the status modes are "
                             + ", ".join(f"status-{code}" for code in STATUS_MODES))
        return FailureMode("status", status=status)
    if value in ("safety", "html-502", "empty-500", "truncated-json", "unsafe-image", "unsafe-image-empty", "extra-fields",
                 "close") \
            or value in DATE_MODES:
        return FailureMode(value)
    if value.startswith(("fail-then-ok:", "fail503-then-ok:")):
        mode, _, rest = value.partition(":")
        count_text, colon, key = rest.partition(":")
        if not colon or not key or not count_text.isdigit() or int(count_text) > 1000:
            raise ValueError(f"{value!r}: expected {mode}:N:KEY with N from 0 to 1000 and a non-empty KEY")
        return FailureMode(mode, status=503 if mode == "fail503-then-ok" else 429, count=int(count_text), key=key)
    if value.startswith("slow:"):
        text = value[len("slow:"):]
        if not text.isdigit():
            raise ValueError(f"{value!r}: expected slow:MS with MS a whole number of milliseconds")
        return FailureMode("slow", milliseconds=min(int(text), MAX_SLOW_MS))
    raise ValueError(f"unknown mode {value!r}; known modes: " + ", ".join(FAILURE_MODES))


class AttemptCounter:
    """Counts ``fail-then-ok`` attempts per KEY, across threads."""

    def __init__(self) -> None:
        self._counts: Dict[str, int] = {}
        self._lock = threading.Lock()

    def next_attempt(self, key: str) -> int:
        """Records one more attempt for ``key``; returns its 1-based number."""
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]


# --------------------------------------------------------------------------
# The HTTP server
# --------------------------------------------------------------------------


@dataclass
class Reply:
    """A response to send (or, with ``drop``, a connection to drop)."""

    status: int
    body: bytes = b""
    content_type: Optional[str] = "application/json"
    headers: Dict[str, str] = field(default_factory=dict)
    delay_ms: int = 0
    drop: bool = False
    close: bool = False


class ValidatingServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer holding the validator and the server's state."""

    daemon_threads = True
    allow_reuse_address = True
    #: The header that carries the secret key: redacted in ``/__last`` and logs.
    api_key_header = API_KEY_HEADER

    def __init__(self, port: int, validator: RequestValidator, prefix: str, log: Callable[[str], None],
                 handler: Optional[type] = None):
        self.validator = validator
        self.prefix = prefix
        self.log_line = log
        self.attempts = AttemptCounter()
        self.stop_event = threading.Event()
        self.last_activity = time.monotonic()
        self.state_lock = threading.Lock()
        self.last_request: Optional[Dict[str, Any]] = None
        self.accepted: List[Dict[str, Any]] = []
        self.accepted_count = 0
        super().__init__(("127.0.0.1", port), handler or ValidatingHandler)

    def touch(self) -> None:
        """Notes activity, for the idle timeout."""
        self.last_activity = time.monotonic()

    def remember(self, description: Dict[str, Any], summary: Dict[str, Any]) -> None:
        """Stores an accepted request for ``/__last`` and ``/__requests``."""
        with self.state_lock:
            self.last_request = description
            self.accepted_count += 1
            self.accepted.append(summary)
            del self.accepted[:-MAX_REMEMBERED_REQUESTS]


class ValidatingHandler(BaseHTTPRequestHandler):
    """Reads, validates and answers one HTTP/1.1 request at a time."""

    protocol_version = "HTTP/1.1"
    server_version = "ValidatingServer/1.0"
    sys_version = ""
    timeout = 120
    server: ValidatingServer

    # Every method goes through the same path.
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = do_GET

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server signature)
        """http.server's own messages (malformed requests), redacted."""
        self.server.log_line(self._redact(f"{self.address_string()} {format % args}"))

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        """Replaced by the one line ``_handle`` logs per request."""

    def _api_key(self) -> Optional[str]:
        return self.headers.get(self.server.api_key_header) if self.headers is not None else None

    def _redact(self, text: str) -> str:
        key = self._api_key()
        return text.replace(key, REDACTED) if key else text

    def _handle(self) -> None:
        started = time.monotonic()
        self.server.touch()
        outcome = "?"
        try:
            reply = self._route()
        except RequestRejected as rejected:
            reply = self._rejection(rejected)
        except Exception as exc:  # a bug here must not hang the client
            reply = Reply(500, _json_bytes({"server_error": f"{type(exc).__name__}: {exc}"}), close=True)
        try:
            outcome = self._send(reply)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True
            outcome = "client went away"
        finally:
            self.server.touch()
            path = self.path.split("?", 1)[0]
            failure = self.headers.get(FAILURE_HEADER) if self.headers is not None else None
            suffix = f" [{FAILURE_HEADER}: {failure}]" if failure else ""
            elapsed = (time.monotonic() - started) * 1000
            self.server.log_line(self._redact(f"{self.command} {path} -> {outcome} ({elapsed:.0f} ms){suffix}"))

    def _rejection(self, rejected: RequestRejected) -> Reply:
        messages = [self._redact(message) for message in rejected.messages]
        if rejected.status == 400:
            body = {"validation_errors": messages}
        else:
            body = {"error": HTTPStatus(rejected.status).phrase, "validation_errors": messages}
        return Reply(rejected.status, _json_bytes(body), headers=rejected.headers, close=rejected.close)

    def _route(self) -> Reply:
        raw_path, _, query = self.path.partition("?")
        if raw_path.startswith("http://") or raw_path.startswith("https://"):
            raw_path = urlsplit(raw_path).path or "/"
        body, framing = self._read_body()
        if raw_path.startswith("/__"):
            return self._introspection(raw_path)
        prefix = self.server.prefix
        if prefix:
            if not raw_path.startswith(prefix + "/"):
                raise RequestRejected(404, [f"{raw_path} is not under the API prefix {prefix}"])
            api_path = raw_path[len(prefix):]
        else:
            api_path = raw_path
        incoming = IncomingRequest(self.command, raw_path, query, list(self.headers.items()), body, framing)
        accepted = self.server.validator.validate(incoming, api_path)
        mode: Optional[FailureMode] = None
        failure_header = incoming.header(FAILURE_HEADER)
        if failure_header is not None:
            try:
                mode = parse_failure_mode(failure_header)
            except ValueError as exc:
                raise RequestRejected(400, [f"header {FAILURE_HEADER!r}: {exc}"]) from None
        self._remember(accepted)
        return self._answer(accepted, mode)

    def _read_body(self) -> Tuple[bytes, str]:
        """Reads the request body (Content-Length or chunked); ``Expect:
        100-continue`` was already answered by http.server."""
        transfer_encodings = self.headers.get_all("Transfer-Encoding") or []
        lengths = self.headers.get_all("Content-Length") or []
        if transfer_encodings:
            codings = [coding.strip().lower() for value in transfer_encodings for coding in value.split(",")]
            if lengths:
                raise RequestRejected(400, ["framing: both Transfer-Encoding and Content-Length were sent"],
                                      close=True)
            if codings != ["chunked"]:
                raise RequestRejected(501, [f"framing: Transfer-Encoding {', '.join(codings)} is not supported"],
                                      close=True)
            return self._read_chunked(), "chunked"
        if lengths:
            if len(set(value.strip() for value in lengths)) != 1 or not lengths[0].strip().isdigit():
                raise RequestRejected(400, [f"framing: invalid Content-Length {lengths!r}"], close=True)
            length = int(lengths[0])
            if length > MAX_BODY_BYTES:
                raise RequestRejected(413, [f"framing: body of {length} bytes exceeds {MAX_BODY_BYTES}"], close=True)
            body = self.rfile.read(length) if length else b""
            if len(body) != length:
                raise RequestRejected(400, [f"framing: body ended after {len(body)} of {length} bytes"], close=True)
            return body, "content-length"
        return b"", "none"

    def _read_chunked(self) -> bytes:
        chunks: List[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(MAX_CHUNK_LINE + 1)
            if not line.endswith(b"\r\n"):
                raise RequestRejected(400, ["framing: a chunk-size line does not end with CRLF"], close=True)
            size_text = line[:-2].split(b";", 1)[0].strip()
            if not size_text or not re.fullmatch(rb"[0-9A-Fa-f]+", size_text):
                raise RequestRejected(400, [f"framing: invalid chunk size {size_text[:20]!r}"], close=True)
            size = int(size_text, 16)
            if size == 0:
                break
            total += size
            if total > MAX_BODY_BYTES:
                raise RequestRejected(413, [f"framing: chunked body exceeds {MAX_BODY_BYTES} bytes"], close=True)
            chunk = self.rfile.read(size)
            if len(chunk) != size or self.rfile.read(2) != b"\r\n":
                raise RequestRejected(400, ["framing: a chunk is truncated or not followed by CRLF"], close=True)
            chunks.append(chunk)
        while True:  # trailer section
            line = self.rfile.readline(MAX_CHUNK_LINE + 1)
            if line == b"\r\n":
                break
            if not line.endswith(b"\r\n"):
                raise RequestRejected(400, ["framing: the chunked trailer is malformed"], close=True)
        return b"".join(chunks)

    def _introspection(self, raw_path: str) -> Reply:
        if self.command not in ("GET", "HEAD"):
            raise RequestRejected(405, [f"{raw_path} only answers GET"], headers={"Allow": "GET"})
        if raw_path == "/__health":
            return Reply(200, _json_bytes({"status": "ok"}))
        if raw_path == "/__last":
            with self.server.state_lock:
                last = self.server.last_request
            if last is None:
                return Reply(404, _json_bytes({"error": "no request has been accepted yet"}))
            return Reply(200, _json_bytes(last))
        if raw_path == "/__requests":
            with self.server.state_lock:
                body = {"count": self.server.accepted_count, "requests": list(self.server.accepted)}
            return Reply(200, _json_bytes(body))
        raise RequestRejected(404, [f"unknown introspection path {raw_path} (known: /__health, /__last, "
                                    "/__requests)"])

    def _remember(self, accepted: AcceptedRequest) -> None:
        self.server.remember(*self._describe(accepted))

    def _describe(self, accepted: AcceptedRequest) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        """The ``/__last`` description and the ``/__requests`` summary of an
        accepted request."""
        incoming = accepted.incoming
        headers: Dict[str, str] = {}
        for name, value in incoming.headers:
            key = name.lower()
            shown = REDACTED if key == self.server.api_key_header.lower() else value
            headers[key] = headers[key] + ", " + shown if key in headers else shown
        key = self._api_key()
        description: Dict[str, Any] = {
            "method": incoming.method,
            "path": incoming.raw_path,
            "api_path": accepted.api_path,
            "operation_id": accepted.primary.operation_id,
            "path_params": {name: unquote(value) for name, value in accepted.primary.path_variables.items()},
            "query_string": incoming.query_string,
            "query": _query_dict(incoming.query_pairs),
            "headers": headers,
            "api_key_sha256": hashlib.sha256(key.encode("utf-8")).hexdigest() if key is not None else None,
            "content_type": incoming.header("Content-Type"),
            "body_framing": incoming.framing,
            "body_size": len(incoming.body),
            "validated_against": [operation.spec.label for operation in accepted.operations],
        }
        if accepted.parts is not None:
            description["parts"] = [part.describe() for part in accepted.parts]
        if accepted.json_body is not None:
            description["json"] = accepted.json_body
        summary = {"method": incoming.method, "path": incoming.raw_path,
                   "operation_id": accepted.primary.operation_id,
                   "test_failure": incoming.header(FAILURE_HEADER)}
        return description, summary

    def _answer(self, accepted: AcceptedRequest, mode: Optional[FailureMode]) -> Reply:
        """The reply to an accepted request, honouring ``X-Test-Failure``."""
        kind = mode.kind if mode else None
        if kind == "close":
            return Reply(0, drop=True)
        if kind == "status":
            assert mode is not None and mode.status is not None
            headers = {"Retry-After": "1"} if mode.status == 429 else {}
            return Reply(mode.status, _json_bytes({"error": STATUS_MODES[mode.status]}), headers=headers)
        if kind == "safety":
            return Reply(422, _json_bytes({"error": SAFETY_ERROR}))
        if kind == "html-502":
            return Reply(502, HTML_502.encode("utf-8"), content_type="text/html")
        if kind == "empty-500":
            return Reply(500, b"", content_type=None)
        if kind in ("fail-then-ok", "fail503-then-ok"):
            assert mode is not None and mode.status is not None
            attempt = self.server.attempts.next_attempt(mode.key)
            if attempt <= mode.count:
                message = STATUS_MODES[mode.status] + f" (attempt {attempt} of {mode.count} failing ones)"
                return Reply(mode.status, _json_bytes({"error": message}), headers={"Retry-After": "0"})

        # These modes answer off-spec on purpose; the others must be valid.
        generation_mode = kind if kind == "extra-fields" or kind in DATE_MODES else None
        operation = accepted.primary
        pointer = response_pointer(operation)
        if pointer is None:
            body = b""
        else:
            with self.server.validator.lock:
                generator = ResponseGenerator(operation.spec, accepted.hints(), generation_mode)
                value = generator.generate(pointer)
                if kind in ("unsafe-image", "unsafe-image-empty"):
                    value = _make_unsafe(value, empty=kind == "unsafe-image-empty")
                body = _json_bytes(value)
                if generation_mode is None:
                    self._check_response(accepted, body)
        if kind == "truncated-json":
            body = body[: max(1, len(body) // 2)]
        delay = mode.milliseconds if kind == "slow" and mode else 0
        return Reply(200, body, content_type="application/json" if pointer else None, delay_ms=delay)

    def _check_response(self, accepted: AcceptedRequest, body: bytes) -> None:
        """Validates a generated 200 against every spec; a failure is a bug
        here (or a spec disagreement), reported as a 500."""
        problems: List[str] = []
        for operation in accepted.operations:
            core = accepted.incoming.core_request(operation.spec, accepted.api_path)
            response = CoreResponse(200, body)
            for exc in operation.spec.response_validator.iter_errors(core, response):
                problems.extend(f"{operation.spec.label}: {message}" for message in describe_core_error(exc))
        if problems:
            raise RequestRejected(500, ["the generated response is not valid: " + "; ".join(problems)])

    def _send(self, reply: Reply) -> str:
        """Writes the reply (after any delay); returns a word for the log."""
        if reply.delay_ms:
            deadline = time.monotonic() + reply.delay_ms / 1000
            while not self.server.stop_event.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                time.sleep(min(remaining, 0.05))
        if reply.drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return "connection dropped"
        self.send_response(reply.status)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type + ("; charset=utf-8" if "html" in reply.content_type
                                                                   else ""))
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.close:
            self.close_connection = True
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and reply.body:
            self.wfile.write(reply.body)
        self.wfile.flush()
        return str(reply.status)


def _query_dict(pairs: Sequence[Tuple[str, str]]) -> Dict[str, List[str]]:
    """Query pairs grouped by name, every value in a list."""
    result: Dict[str, List[str]] = {}
    for name, value in pairs:
        result.setdefault(name, []).append(value)
    return result


# --------------------------------------------------------------------------
# Lifecycle and command line
# --------------------------------------------------------------------------


def _watch_stdin(stop: threading.Event) -> None:
    """Sets ``stop`` when standard input reaches end of file.

    Reads the file descriptor directly: a daemon thread blocked inside
    ``sys.stdin.buffer`` would hold its lock while the interpreter exits.
    """
    try:
        descriptor = sys.stdin.fileno()
        while os.read(descriptor, 4096):
            pass
    except (OSError, ValueError):
        pass
    stop.set()


def _watch_idle_and_parent(server: ValidatingServer, idle_seconds: float, parent: int) -> None:
    """Sets the stop event after ``idle_seconds`` without requests, or when
    the parent process is gone (the process is re-parented)."""
    while not server.stop_event.wait(0.5):
        if idle_seconds > 0 and time.monotonic() - server.last_activity > idle_seconds:
            server.log_line(f"no request for {idle_seconds:g} s; exiting")
            server.stop_event.set()
        elif parent > 1 and os.getppid() != parent:
            server.log_line("parent process exited; exiting")
            server.stop_event.set()


def _write_port_file(path: str, port: int) -> None:
    """Writes the port atomically, so a reader never sees a partial file."""
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "w", encoding="ascii") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def normalise_prefix(prefix: str) -> str:
    """``/ideogram/`` -> ``/ideogram``; ``""`` or ``/`` -> ``""``."""
    prefix = prefix.strip()
    if not prefix or prefix == "/":
        return ""
    if not prefix.startswith("/"):
        prefix = "/" + prefix
    return prefix.rstrip("/")


def build_argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Loopback HTTP server that validates requests against OpenAPI specs.")
    parser.add_argument("--spec", action="append", default=[], metavar="PATH",
                        help="OpenAPI document to validate against (repeatable; all must accept a request)")
    parser.add_argument("--optional-spec", action="append", default=[], metavar="PATH",
                        help="like --spec, but skipped with a note when the file does not exist")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free port)")
    parser.add_argument("--prefix", default="", help="path prefix the API is mounted under, e.g. /ideogram")
    parser.add_argument("--port-file", metavar="FILE", help="write the port to FILE once listening")
    parser.add_argument("--idle-timeout", type=float, default=600.0, metavar="SECONDS",
                        help="exit after this long without requests (default 600; 0 disables)")
    parser.add_argument("--no-stdin-watch", action="store_true",
                        help="do not exit when standard input closes (for running by hand with </dev/null)")
    parser.add_argument("--no-parent-watch", action="store_true",
                        help="do not exit when the parent process exits (for starting it in the background)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests to stderr")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the server until stdin closes, a signal, the parent exits or idleness."""
    args = build_argument_parser().parse_args(argv)
    log_lock = threading.Lock()

    def log(line: str) -> None:
        if args.quiet:
            return
        with log_lock:
            sys.stderr.write(f"[validating-server] {line}\n")
            sys.stderr.flush()

    paths = list(args.spec)
    for optional in args.optional_spec:
        if os.path.exists(optional):
            paths.append(optional)
        else:
            log(f"optional spec {optional} does not exist; skipped")
    if not paths:
        sys.stderr.write("validating_server.py: at least one --spec is required\n")
        return 2
    try:
        specs = [LoadedSpec(path) for path in paths]
    except Exception as exc:  # report a bad spec plainly, then fail
        sys.stderr.write(f"validating_server.py: cannot load spec: {type(exc).__name__}: {exc}\n")
        return 2

    parent = os.getppid()
    server = ValidatingServer(args.port, RequestValidator(specs), normalise_prefix(args.prefix), log)
    return run_server(server, port_file=args.port_file, idle_timeout=args.idle_timeout,
                      stdin_watch=not args.no_stdin_watch, parent=0 if args.no_parent_watch else parent,
                      log=log, details=f"prefix {server.prefix or '(none)'}, specs: {', '.join(paths)}")


def run_server(server: ValidatingServer, *, port_file: Optional[str], idle_timeout: float, stdin_watch: bool,
               parent: int, log: Callable[[str], None], details: str) -> int:
    """Serves until stdin closes (with ``stdin_watch``), a signal, the
    ``parent`` process exits (0: not watched) or ``idle_timeout`` passes;
    prints the LISTENING line once listening. Returns the exit code."""
    stop = server.stop_event

    def on_signal(signum: int, _frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, on_signal)

    port = server.server_address[1]
    if port_file:
        _write_port_file(port_file, port)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                               name="serve", daemon=True)
    serving.start()
    if stdin_watch:
        threading.Thread(target=_watch_stdin, args=(stop,), name="stdin-watch", daemon=True).start()
    threading.Thread(target=_watch_idle_and_parent, args=(server, idle_timeout, parent),
                     name="idle-watch", daemon=True).start()
    sys.stdout.write(f"LISTENING http://127.0.0.1:{port}\n")
    sys.stdout.flush()
    log(f"listening on 127.0.0.1:{port}, {details}")
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    log("stopped")
    return 0


if __name__ == "__main__":
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Daemon threads (the stdin watch, slow requests) may still be blocked;
    # leave without waiting for them or finalising their objects.
    os._exit(exit_code)
