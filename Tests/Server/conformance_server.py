#!/usr/bin/env python3
"""A validating mock server for any OpenAPI 3.0 / 3.1 spec, many at once.

Every spec is mounted under ``/<spec id>/`` (the spec id is the file name
without its extension: ``stripe--spec3``, ``openai--openapi``). For each
request the server

1. finds the operation (404 for an unknown path, 405 with ``Allow`` for a
   wrong method), accepting the path with or without the path part of the
   spec's server URL (``/openai--openapi/v1/chat/completions`` and
   ``/openai--openapi/chat/completions`` are the same operation);
2. checks the operation's security requirement (401 naming the expected
   schemes);
3. validates the parameters (every style and explode of OpenAPI 3.1.1,
   Stripe's nested ``deepObject`` keys) and the body by the Content-Type that
   came (JSON with JSON Schema 2020-12, form-urlencoded mapped back onto the
   schema, multipart/form-data parsed strictly while it streams in, binary
   bodies counted and hashed), answering 400
   ``{"validation_errors": ["field: reason", ...]}``;
4. answers a documented response, chosen by ``X-Oracle-Status`` and
   ``Accept``, with a body taken from a valid example or synthesized from the
   schema and validated against it before it is sent, and the documented
   response headers; Server-Sent Events, JSON Lines and JSON text sequences
   are streamed; list operations are paginated; binary bodies of any size
   are streamed.

Introspection lives outside every spec prefix: ``/__health``, ``/__specs``,
``/__last``, ``/__requests``, ``/__streams``, ``/__reset``,
``/__operations/<id>`` and ``/__example/<id>/<n>``. The README beside this
file documents every option, header and endpoint.

The lifecycle is that of ``validating_server.py`` (whose helpers this module
imports): it binds 127.0.0.1, prints ``LISTENING http://127.0.0.1:PORT``, and
exits when its standard input closes, on SIGTERM/SIGINT, when its parent
exits, or after an idle timeout.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import copy
import hashlib
import itertools
import json
import math
import os
import re
import select
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple
from urllib.parse import quote, unquote, unquote_plus, urljoin, urlsplit

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
    import re._constants as _sre_constants  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validating_server import (  # noqa: E402  (the directory is put on sys.path first)
    REDACTED,
    RequestRejected,
    _clip,
    _escape_pointer,
    _json_bytes,
    _parse_content_type,
    _parse_part,
    _strict_json_loads,
    multipart_boundary,
    render_schema_error,
    run_server,
)

# --------------------------------------------------------------------------
# Limits and constants
# --------------------------------------------------------------------------

#: Largest JSON, form or text body held in memory (binary and multipart
#: bodies are streamed and may be of any size).
MAX_BUFFERED_BODY = 32 * 1024 * 1024
#: Largest non-file part of a multipart body (file parts are only hashed).
MAX_TEXT_PART = 8 * 1024 * 1024
#: Longest header block of one multipart part.
MAX_PART_HEADERS = 16 * 1024
#: Longest line accepted while reading chunked framing.
MAX_CHUNK_LINE = 4096
#: Size of the pieces a body is read and written in.
IO_CHUNK = 64 * 1024
#: Requests and streams the introspection remembers.
MAX_REMEMBERED = 1000
#: Default number of stream events, collection items and page size.
DEFAULT_EVENTS = 3
DEFAULT_TOTAL_ITEMS = 25
DEFAULT_PAGE_SIZE = 10
#: Default size of a synthesized binary body.
DEFAULT_BINARY_SIZE = 1024
#: Default period of X-Mock-Stream-Forever, in milliseconds.
DEFAULT_FOREVER_DELAY_MS = 100
#: Longest a forever stream runs before it ends on its own.
MAX_FOREVER_SECONDS = 600
MAX_DELAY_MS = 60_000
MAX_EVENTS = 100_000
MAX_TOTAL_ITEMS = 100_000
MAX_BODY_SIZE = 1 << 40

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
#: Header parameters OpenAPI says to ignore.
IGNORED_HEADER_PARAMETERS = {"accept", "content-type", "authorization"}
#: Response headers that are never sent as documented (they would break the
#: framing or are set by the server itself).
UNSENDABLE_RESPONSE_HEADERS = {"content-type", "content-length", "transfer-encoding", "connection", "keep-alive",
                               "upgrade", "trailer", "te", "date", "server"}
#: Header names whose values are credentials wherever they appear.
CREDENTIAL_HEADERS = {"authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token",
                      "cookie", "ocp-apim-subscription-key"}
#: Header parameters treated as credentials in specs without security schemes.
IMPLIED_KEY_HEADERS = ("x-api-key", "api-key", "apikey")

ORACLE_HEADER = "X-Oracle-Status"
MOCK_HEADERS = (
    "X-Mock-Events", "X-Mock-SSE-Framing", "X-Mock-SSE-Line-End", "X-Mock-SSE-Done", "X-Mock-Stream-Format",
    "X-Mock-Stream-Fail-After", "X-Mock-Stream-Delay-Ms", "X-Mock-Stream-Forever", "X-Mock-Total-Items",
    "X-Mock-Body-Size",
)

#: Media types streamed record by record, with the framing each one gets.
STREAM_MEDIA_TYPES = {
    "text/event-stream": "sse",
    "application/jsonl": "jsonl",
    "application/x-jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/json-seq": "json-seq",
}
FORCED_STREAM_FORMATS = {
    "sse": "text/event-stream",
    "jsonl": "application/jsonl",
    "ndjson": "application/x-ndjson",
    "json-seq": "application/json-seq",
}

#: Deterministic binary bodies: byte i is (i * 31) mod 251.
_PATTERN_PERIOD = 251
_PATTERN_BLOCK = bytes((index * 31) % _PATTERN_PERIOD for index in range(_PATTERN_PERIOD * (IO_CHUNK // _PATTERN_PERIOD + 2)))


def pattern_bytes(offset: int, size: int) -> bytes:
    """``size`` bytes of the documented pattern, starting at byte ``offset``."""
    start = offset % _PATTERN_PERIOD
    assert size <= len(_PATTERN_BLOCK) - start
    return _PATTERN_BLOCK[start:start + size]


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _types_of(schema: Any) -> List[str]:
    """The schema's ``type`` as a list (``[]`` when absent)."""
    if not isinstance(schema, dict):
        return []
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [kind for kind in declared if isinstance(kind, str)]
    return []


def _media_essence(media_type: str) -> str:
    """``Application/JSON; charset=utf-8`` -> ``application/json``."""
    return media_type.split(";", 1)[0].strip().lower()


def _is_json_media(media_type: str) -> bool:
    essence = _media_essence(media_type)
    return essence == "application/json" or essence.endswith("+json") or essence == "text/json"


def _is_text_media(media_type: str) -> bool:
    essence = _media_essence(media_type)
    return (essence.startswith("text/") or essence in ("application/xml", "application/sdp", "application/javascript",
                                                        "application/yaml", "application/x-yaml")
            or essence.endswith("+xml"))


def _pointer_join(pointer: str, *tokens: Any) -> str:
    return pointer + "".join("/" + _escape_pointer(str(token)) for token in tokens)


def _pointer_tokens(pointer: str) -> List[str]:
    body = pointer[1:] if pointer.startswith("#") else pointer
    if not body:
        return []
    return [token.replace("~1", "/").replace("~0", "~") for token in body.split("/")[1:]]


def _query_dict(pairs: Sequence[Tuple[str, str]]) -> Dict[str, List[str]]:
    result: Dict[str, List[str]] = {}
    for name, value in pairs:
        result.setdefault(name, []).append(value)
    return result


def _split_query(query: str, plus_is_space: bool) -> List[Tuple[str, str]]:
    """Splits a query string (or form body) into decoded pairs, keeping blank
    values; ``plus_is_space`` selects form-urlencoded decoding."""
    decode = unquote_plus if plus_is_space else unquote
    pairs: List[Tuple[str, str]] = []
    for piece in query.split("&"):
        if not piece:
            continue
        name, _, value = piece.partition("=")
        pairs.append((decode(name), decode(value)))
    return pairs


def _parse_brackets(key: str) -> Tuple[str, List[str]]:
    """``metadata[a][b]`` -> (``metadata``, [``a``, ``b``]); ``expand[]`` ->
    (``expand``, [``""``]). A key without well-formed brackets is its own name."""
    match = re.fullmatch(r"([^\[\]]+)((?:\[[^\[\]]*\])*)", key)
    if not match or not match.group(2):
        return key, []
    return match.group(1), re.findall(r"\[([^\[\]]*)\]", match.group(2))


def _insert_path(tree: Dict[str, Any], tokens: List[str], value: str) -> Optional[str]:
    """Places ``value`` at ``tokens`` in a tree of dicts; ``""`` tokens append
    to a list. Returns an error text on a conflict."""
    node: Any = tree
    for position, token in enumerate(tokens):
        last = position == len(tokens) - 1
        if token == "":
            if not isinstance(node, list):
                return "mixes [] with other keys"
            if last:
                node.append(value)
                return None
            child: Dict[str, Any] = {}
            node.append(child)
            node = child
            continue
        if not isinstance(node, dict):
            return "mixes a value with nested keys"
        if last:
            if token in node:
                existing = node[token]
                if isinstance(existing, list) and all(isinstance(item, str) for item in existing):
                    existing.append(value)
                elif isinstance(existing, str):
                    node[token] = [existing, value]
                else:
                    return "mixes a value with nested keys"
            else:
                node[token] = value
            return None
        following = tokens[position + 1]
        if token not in node:
            node[token] = [] if following == "" else {}
        node = node[token]
        if following == "" and not isinstance(node, list):
            return "mixes [] with other keys"
    return None


class Impossible(Exception):
    """A schema the synthesizer cannot satisfy (``false``, a contradiction)."""


class SynthesisError(Exception):
    """A synthesized value failed validation: a bug here or in the spec."""


# --------------------------------------------------------------------------
# Loading specs
# --------------------------------------------------------------------------


class _SpecLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The fastest safe YAML loader, reading timestamps as plain strings (JSON
    has no dates, and examples must stay serialisable)."""


_SpecLoader.add_constructor("tag:yaml.org,2002:timestamp",
                            lambda loader, node: loader.construct_scalar(node))

#: Keys under which values are data, not schemas (never converted).
_DATA_KEYS = {"example", "examples", "default", "enum", "const", "x-oaiMeta", "x-codeSamples", "x-code-samples"}
#: Annotations kept on the outside when a ``nullable`` schema is wrapped.
_OUTER_KEYS = {"description", "title", "readOnly", "writeOnly", "deprecated", "example", "examples", "default",
               "externalDocs", "xml"}
_COMPOSITION_KEYS = ("$ref", "allOf", "oneOf", "anyOf", "not")


def _normalise(node: Any) -> Any:
    """Converts a freshly loaded document in place to JSON Schema 2020-12
    semantics, for 3.0 and 3.1 documents alike (3.1 documents in the corpus
    still carry 3.0 keywords):

    * ``nullable: true`` admits null: ``null`` joins ``type`` (and ``None``
      the ``enum``), or, on a schema composed with ``$ref``/``allOf``/
      ``oneOf``/``anyOf``, the schema becomes ``anyOf: [schema, {type: null}]``;
    * boolean ``exclusiveMinimum``/``exclusiveMaximum`` (3.0) become the
      numeric form; ``type: null`` read by YAML as a null value is dropped;
    * non-string mapping keys (unquoted ``200:``) become strings.
    """
    if isinstance(node, list):
        for index, item in enumerate(node):
            node[index] = _normalise(item)
        return node
    if not isinstance(node, dict):
        return node
    if any(not isinstance(key, str) for key in node):
        items = [(str(key), value) for key, value in node.items()]
        node.clear()
        node.update(items)
    for key, value in node.items():
        if key not in _DATA_KEYS and not key.startswith("x-") and isinstance(value, (dict, list)):
            node[key] = _normalise(value)
    if "type" in node and node["type"] is None:
        del node["type"]
    for keyword, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(node.get(keyword), bool):
            if node[keyword] and isinstance(node.get(bound), (int, float)):
                node[keyword] = node.pop(bound)
            else:
                del node[keyword]
    if node.get("nullable") is True:
        del node["nullable"]
        types = node.get("type")
        if any(key in node for key in _COMPOSITION_KEYS):
            inner = {key: value for key, value in node.items() if key not in _OUTER_KEYS}
            outer = {key: value for key, value in node.items() if key in _OUTER_KEYS}
            node.clear()
            node.update(outer)
            node["anyOf"] = [inner, {"type": "null"}]
        elif types is not None:
            type_list = [types] if isinstance(types, str) else list(types)
            if "null" not in type_list:
                type_list.append("null")
            node["type"] = type_list
            if isinstance(node.get("enum"), list) and None not in node["enum"]:
                node["enum"] = node["enum"] + [None]
        elif isinstance(node.get("enum"), list) and None not in node["enum"]:
            node["enum"] = node["enum"] + [None]
    elif node.get("nullable") is False:
        del node["nullable"]
    if node.get("x-stripeBypassValidation") is True and isinstance(node.get("enum"), list) \
            and "string" in _types_of(node):
        # Stripe: "values outside the enum may occur"; the enum stays the
        # first (synthesized) variant, any string is accepted.
        inner = {key: value for key, value in node.items() if key not in _OUTER_KEYS}
        outer = {key: value for key, value in node.items() if key in _OUTER_KEYS}
        node.clear()
        node.update(outer)
        node["anyOf"] = [inner, {"type": inner.get("type", "string")}]
    return node


def _format_checker() -> FormatChecker:
    """jsonschema's format checker plus the OpenAPI formats int32, int64 and
    byte (strict base64)."""
    checker = FormatChecker()

    @checker.checks("int32")
    def _int32(value: Any) -> bool:
        return not isinstance(value, int) or isinstance(value, bool) or -(2 ** 31) <= value < 2 ** 31

    @checker.checks("int64")
    def _int64(value: Any) -> bool:
        return not isinstance(value, int) or isinstance(value, bool) or -(2 ** 63) <= value < 2 ** 63

    @checker.checks("byte")
    def _byte(value: Any) -> bool:
        if not isinstance(value, str):
            return True
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return False
        return True

    return checker


FORMAT_CHECKER = _format_checker()


@dataclass
class Parameter:
    """A declared parameter, resolved."""

    name: str
    location: str
    required: bool
    pointer: str          # of the parameter object
    schema_pointer: Optional[str]
    style: str
    explode: bool
    content_type: Optional[str]
    definition: Dict[str, Any]


@dataclass
class OperationInfo:
    """One operation of a spec."""

    index: int
    method: str
    template: str          # the path key as written (may carry ?query or #fragment)
    path: str              # the path part of the key
    fixed_query: Dict[str, str]
    regex: "re.Pattern[str]"
    variables: List[str]
    literal_length: int
    pointer: str
    document: Dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.document.get("operationId") or f"{self.method.upper()} {self.template}")


class Spec:
    """One OpenAPI document, loaded lazily on the first request to its prefix."""

    def __init__(self, spec_id: str, path: str):
        self.id = spec_id
        self.path = path
        self.lock = threading.RLock()
        self.loaded = False
        self.load_seconds: Optional[float] = None
        self.load_error: Optional[str] = None
        self.document: Dict[str, Any] = {}
        self.version = ""
        self.base_uri = f"https://spec.invalid/{quote(spec_id)}/openapi.json"
        self.operations: List[OperationInfo] = []
        self.base_paths: List[str] = []
        self._validators: Dict[str, Draft202012Validator] = {}
        self._ids: Dict[str, str] = {}          # absolute $id URI -> pointer
        self._anchors: Dict[str, str] = {}      # absolute URI#anchor -> pointer
        self._id_bases: Dict[str, str] = {}     # pointer of a schema with $id -> its absolute URI
        self._resolve_cache: Dict[str, Tuple[str, Any]] = {}
        self._parameters: Dict[int, List[Parameter]] = {}
        self.registry: Registry = Registry()
        self.cache: Dict[Any, Any] = {}         # per-spec memo of the answer builders

    # ----- loading -------------------------------------------------------

    def ensure_loaded(self) -> None:
        with self.lock:
            if self.loaded:
                return
            if self.load_error is not None:
                raise RequestRejected(500, [f"spec {self.id} could not be loaded: {self.load_error}"])
            started = time.monotonic()
            try:
                self._load()
            except Exception as exc:  # a broken spec must be reported, not crash the server
                self.load_error = f"{type(exc).__name__}: {exc}"
                raise RequestRejected(500, [f"spec {self.id} could not be loaded: {self.load_error}"]) from None
            self.load_seconds = time.monotonic() - started
            self.loaded = True

    def _load(self) -> None:
        with open(self.path, "rb") as handle:
            raw = handle.read()
        if self.path.endswith(".json"):
            document = json.loads(raw)
        else:
            document = yaml.load(raw, Loader=_SpecLoader)  # noqa: S506 (a safe loader)
        if not isinstance(document, dict) or not (isinstance(document.get("paths"), dict)
                                                  or "webhooks" in document):
            raise ValueError("not an OpenAPI document (no paths)")
        self.document = _normalise(document)
        self.document.setdefault("paths", {})
        self.version = str(self.document.get("openapi", ""))
        self._index_ids()
        resources = [(self.base_uri, Resource(contents=self.document, specification=DRAFT202012))]
        for uri, pointer in self._ids.items():
            resources.append((uri, Resource.from_contents(self.node(pointer), default_specification=DRAFT202012)))
        self.registry = Registry().with_resources(resources)
        if self._ids:
            self.registry = self.registry.crawl()
        self._index_operations()

    def _index_ids(self) -> None:
        """Finds schemas with ``$id`` / ``$anchor`` (OpenAPI 3.1 petstore) so
        that ``$ref``s to them resolve, here and in jsonschema."""

        def walk(node: Any, pointer: str, base: str) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("$id"), str):
                    base = urljoin(base, node["$id"]).split("#", 1)[0]
                    self._ids[base] = pointer
                    self._id_bases[pointer] = base
                if isinstance(node.get("$anchor"), str):
                    self._anchors[f"{base}#{node['$anchor']}"] = pointer
                for key, value in node.items():
                    if key in _DATA_KEYS or key.startswith("x-"):
                        continue
                    if isinstance(value, (dict, list)):
                        walk(value, _pointer_join(pointer, key), base)
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    if isinstance(value, (dict, list)):
                        walk(value, f"{pointer}/{index}", base)

        components = self.document.get("components")
        if isinstance(components, dict):
            walk(components, "#/components", self.base_uri)
        if self._ids or self._anchors:  # a document that uses them may use them anywhere
            self._ids.clear()
            self._anchors.clear()
            self._id_bases.clear()
            walk(self.document, "#", self.base_uri)

    def _server_paths(self, servers: Any) -> List[str]:
        paths: List[str] = []
        for server in servers if isinstance(servers, list) else []:
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                continue
            url = server["url"]
            for name, variable in (server.get("variables") or {}).items():
                default = variable.get("default", "") if isinstance(variable, dict) else ""
                url = url.replace("{" + name + "}", str(default))
            path = urlsplit(url).path if "://" in url else url.split("?", 1)[0]
            path = "/" + path.strip("/") if path.strip("/") else ""
            if "{" not in path and path not in paths:
                paths.append(path)
        return paths

    def _index_operations(self) -> None:
        base_paths = self._server_paths(self.document.get("servers"))
        index = 0
        for template, item in self.document["paths"].items():
            if not isinstance(item, dict):
                continue
            item_pointer = _pointer_join("#/paths", template)
            if "$ref" in item and isinstance(item["$ref"], str):
                item_pointer, item = self.resolve(item_pointer)
            base_paths += [path for path in self._server_paths(item.get("servers")) if path not in base_paths]
            path_part = template.split("#", 1)[0]
            path_part, _, fixed = path_part.partition("?")
            fixed_query = dict(_split_query(fixed, plus_is_space=False))
            pieces = re.split(r"(\{[^/{}]+\})", path_part)
            regex = ""
            variables: List[str] = []
            literal = 0
            for piece in pieces:
                if re.fullmatch(r"\{[^/{}]+\}", piece):
                    variables.append(piece[1:-1])
                    regex += "([^/]+)"
                else:
                    regex += re.escape(piece)
                    literal += len(piece)
            compiled = re.compile(regex)
            for method, operation in item.items():
                if method not in HTTP_METHODS or not isinstance(operation, dict):
                    continue
                base_paths += [path for path in self._server_paths(operation.get("servers")) if path not in base_paths]
                self.operations.append(OperationInfo(index, method, template, path_part, fixed_query, compiled,
                                                     variables, literal, _pointer_join(item_pointer, method),
                                                     operation))
                index += 1
        # Longest first, so /api/2.0 is tried before /api; "" (no prefix) last.
        self.base_paths = sorted((path for path in base_paths if path), key=len, reverse=True)

    # ----- navigation ----------------------------------------------------

    def node(self, pointer: str) -> Any:
        node: Any = self.document
        for token in _pointer_tokens(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def base_of(self, pointer: str) -> str:
        """The base URI in effect at ``pointer`` (the nearest enclosing $id)."""
        if not self._id_bases:
            return self.base_uri
        best = ""
        for candidate in self._id_bases:
            if (pointer == candidate or pointer.startswith(candidate + "/")) and len(candidate) > len(best):
                best = candidate
        return self._id_bases[best] if best else self.base_uri

    def ref_target(self, ref: str, at_pointer: str) -> Optional[str]:
        """The pointer a ``$ref`` written at ``at_pointer`` leads to (None when
        it leaves the document)."""
        if ref.startswith("#"):
            if ref == "#" or ref.startswith("#/"):
                base = self.base_of(at_pointer)
                if base != self.base_uri and base in self._ids:
                    return self._ids[base] + ref[1:]
                return unquote(ref)
            return self._anchors.get(self.base_of(at_pointer) + ref)
        absolute = urljoin(self.base_of(at_pointer), ref)
        uri, _, fragment = absolute.partition("#")
        if fragment and not fragment.startswith("/"):
            return self._anchors.get(f"{uri}#{fragment}")
        if uri == self.base_uri:
            return "#" + unquote(fragment)
        if uri in self._ids:
            return self._ids[uri] + unquote(fragment)
        return None

    def resolve(self, pointer: str) -> Tuple[str, Any]:
        """Follows ``$ref``s from ``pointer`` (through references met on the
        way, too) to a node that is not a bare reference; returns the final
        pointer and node. A ``$ref`` with sibling keywords is returned as is
        (``schema_parts`` splits those)."""
        cached = self._resolve_cache.get(pointer)
        if cached is not None:
            return cached
        seen: Set[str] = set()
        current = pointer
        while True:
            if current in seen:
                raise Impossible(f"$ref cycle at {current}")
            seen.add(current)
            node: Any = self.document
            tokens = _pointer_tokens(current)
            redirected: Optional[str] = None
            walked = "#"
            for position, token in enumerate(tokens):
                if isinstance(node, dict) and token not in node and isinstance(node.get("$ref"), str):
                    target = self.ref_target(node["$ref"], walked)
                    if target is None:
                        raise Impossible(f"unresolvable $ref {node['$ref']!r}")
                    redirected = target + "".join("/" + _escape_pointer(rest) for rest in tokens[position:])
                    break
                try:
                    node = node[int(token)] if isinstance(node, list) else node[token]
                except (KeyError, IndexError, ValueError, TypeError):
                    raise Impossible(f"no node at {current}") from None
                walked = _pointer_join(walked, token)
            if redirected is not None:
                current = redirected
                continue
            if isinstance(node, dict) and isinstance(node.get("$ref"), str) and _bare_ref(node):
                target = self.ref_target(node["$ref"], current)
                if target is None:
                    raise Impossible(f"unresolvable $ref {node['$ref']!r}")
                current = target
                continue
            result = (current, node)
            if len(self._resolve_cache) < 200_000:
                self._resolve_cache[pointer] = result
            return result

    # ----- validation ----------------------------------------------------

    def validator(self, pointer: str) -> Draft202012Validator:
        validator = self._validators.get(pointer)
        if validator is None:
            fragment = pointer[1:] if pointer.startswith("#") else pointer
            uri = self.base_uri + "#" + fragment.replace("%", "%25")
            validator = Draft202012Validator({"$ref": uri}, registry=self.registry, format_checker=FORMAT_CHECKER)
            self._validators[pointer] = validator
        return validator

    def errors(self, pointer: str, value: Any, field_name: str, limit: int = 12) -> List[str]:
        """``field.path: reason`` messages for ``value`` against the schema at
        ``pointer`` (empty when valid)."""
        try:
            found = sorted(self.validator(pointer).iter_errors(value),
                           key=lambda error: [str(token) for token in error.absolute_path])
        except Exception as exc:  # an unresolvable reference, a bad pattern: a spec problem
            return [f"{field_name}: the schema at {pointer} cannot be evaluated ({type(exc).__name__}: "
                    f"{_clip(str(exc), 200)})"]
        return [render_schema_error(error, field_name) for error in found[:limit]]

    def is_valid(self, pointer: str, value: Any) -> bool:
        try:
            return self.validator(pointer).is_valid(value)
        except Exception:
            return False

    # ----- operations ----------------------------------------------------

    def parameters(self, operation: OperationInfo) -> List[Parameter]:
        cached = self._parameters.get(operation.index)
        if cached is not None:
            return cached
        item_pointer = operation.pointer.rsplit("/", 1)[0]
        item = self.node(item_pointer)
        merged: Dict[Tuple[str, str], Parameter] = {}
        for owner_pointer, owner in ((item_pointer, item), (operation.pointer, operation.document)):
            for position, raw in enumerate(owner.get("parameters") or []):
                pointer, parameter = self.resolve(_pointer_join(owner_pointer, "parameters", position))
                if not isinstance(parameter, dict) or "name" not in parameter or "in" not in parameter:
                    continue
                location = str(parameter["in"]).lower()
                style = parameter.get("style") or {"query": "form", "cookie": "form"}.get(location, "simple")
                explode = parameter.get("explode")
                if explode is None:
                    explode = style == "form"
                schema_pointer: Optional[str] = None
                content_type: Optional[str] = None
                if "schema" in parameter:
                    schema_pointer = _pointer_join(pointer, "schema")
                elif isinstance(parameter.get("content"), dict) and parameter["content"]:
                    content_type = next(iter(parameter["content"]))
                    media = parameter["content"][content_type]
                    if isinstance(media, dict) and "schema" in media:
                        schema_pointer = _pointer_join(pointer, "content", content_type, "schema")
                name = str(parameter["name"])
                key = (name.lower() if location == "header" else name, location)
                merged[key] = Parameter(name, location, bool(parameter.get("required")) or location == "path",
                                        pointer, schema_pointer, style, bool(explode), content_type, parameter)
        result = list(merged.values())
        self._parameters[operation.index] = result
        return result

    def request_body(self, operation: OperationInfo) -> Tuple[str, Optional[Dict[str, Any]]]:
        if "requestBody" not in operation.document:
            return "", None
        pointer, body = self.resolve(_pointer_join(operation.pointer, "requestBody"))
        return pointer, body if isinstance(body, dict) else None

    def security_schemes(self) -> Dict[str, Dict[str, Any]]:
        schemes = (self.document.get("components") or {}).get("securitySchemes") or {}
        resolved: Dict[str, Dict[str, Any]] = {}
        for name in schemes:
            try:
                _, scheme = self.resolve(_pointer_join("#/components/securitySchemes", name))
            except Impossible:
                continue
            if isinstance(scheme, dict):
                resolved[name] = scheme
        return resolved


def _bare_ref(node: Dict[str, Any]) -> bool:
    """Whether a ``$ref`` node has nothing but annotations beside it."""
    return all(key == "$ref" or key in _OUTER_KEYS or key.startswith("x-") or key in ("$schema", "$comment",
                                                                                        "summary", "discriminator")
               for key in node)


# --------------------------------------------------------------------------
# Strings matching a regular expression
# --------------------------------------------------------------------------

_OP = _sre_constants
_CLASS_PREFERENCE = "aA0bB1xX_-. "


def _class_char(items: Sequence[Tuple[Any, Any]]) -> Optional[str]:
    """A character inside a ``[...]`` class (``None`` if none is found)."""
    negate = any(op is _OP.NEGATE for op, _ in items)

    def inside(char: str) -> bool:
        code = ord(char)
        for op, argument in items:
            if op is _OP.LITERAL and code == argument:
                return True
            if op is _OP.RANGE and argument[0] <= code <= argument[1]:
                return True
            if op is _OP.CATEGORY:
                if argument is _OP.CATEGORY_DIGIT and char.isdigit():
                    return True
                if argument is _OP.CATEGORY_NOT_DIGIT and not char.isdigit():
                    return True
                if argument is _OP.CATEGORY_WORD and (char.isalnum() or char == "_"):
                    return True
                if argument is _OP.CATEGORY_NOT_WORD and not (char.isalnum() or char == "_"):
                    return True
                if argument is _OP.CATEGORY_SPACE and char.isspace():
                    return True
                if argument is _OP.CATEGORY_NOT_SPACE and not char.isspace():
                    return True
        return False

    if not negate:
        for op, argument in items:  # the class's own first member reads most naturally
            if op is _OP.LITERAL:
                return chr(argument)
            if op is _OP.RANGE:
                return chr(argument[0])
            if op is _OP.CATEGORY:
                break
    for char in _CLASS_PREFERENCE + "cdefghijklmnopqrstuvwyzCDEFGHIJKLMNOPQRSTUVWYZ23456789":
        if inside(char) != negate:
            return char
    return None


def _render_regex(parsed: Any, extra: int, groups: Dict[int, str]) -> str:
    out: List[str] = []
    for op, argument in parsed:
        if op is _OP.LITERAL:
            out.append(chr(argument))
        elif op is _OP.NOT_LITERAL:
            out.append("a" if argument != ord("a") else "b")
        elif op is _OP.ANY:
            out.append("a")
        elif op is _OP.IN:
            char = _class_char(argument)
            if char is None:
                raise ValueError("empty character class")
            out.append(char)
        elif op is _OP.CATEGORY:
            out.append({_OP.CATEGORY_DIGIT: "0", _OP.CATEGORY_SPACE: " ", _OP.CATEGORY_WORD: "a",
                        _OP.CATEGORY_NOT_DIGIT: "a", _OP.CATEGORY_NOT_SPACE: "a",
                        _OP.CATEGORY_NOT_WORD: "-"}.get(argument, "a"))
        elif op is _OP.BRANCH:
            out.append(_render_regex(argument[1][0], extra, groups))
        elif op is _OP.SUBPATTERN:
            group, _add, _del, pattern = argument
            text = _render_regex(pattern, extra, groups)
            if group is not None:
                groups[group] = text
            out.append(text)
        elif op in (_OP.MAX_REPEAT, _OP.MIN_REPEAT) or getattr(_OP, "POSSESSIVE_REPEAT", None) is op:
            low, high, pattern = argument
            count = low + extra if high is _OP.MAXREPEAT or high >= low + extra else high
            count = min(count, low + 64)
            out.append("".join(_render_regex(pattern, extra, groups) for _ in range(count)))
        elif op is _OP.GROUPREF:
            out.append(groups.get(argument, ""))
        elif op is getattr(_OP, "ATOMIC_GROUP", None):
            out.append(_render_regex(argument, extra, groups))
        elif op in (_OP.AT, _OP.ASSERT, _OP.ASSERT_NOT):
            continue
        else:
            raise ValueError(f"unsupported regex construct {op}")
    return "".join(out)


def regex_sample(pattern: str, index: int = 0, min_length: int = 0, max_length: Optional[int] = None
                 ) -> Optional[str]:
    """A short string that ``re.search(pattern, ...)`` accepts, within the
    length bounds, with the index worked into it where the pattern allows
    (``AC00…01``, ``AC00…02``); ``None`` when none is found."""
    try:
        compiled = re.compile(pattern)
        parsed = _sre_parse.parse(pattern)
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return None
    for extra in (0, 1, 2, 4, 8, 16, 32, 64):
        try:
            text = _render_regex(parsed, extra, {})
        except (ValueError, RecursionError):
            return None
        if len(text) < min_length:
            continue
        if max_length is not None and len(text) > max_length:
            break
        if not compiled.search(text):
            continue
        if index:
            digits = str(index)
            for candidate in (text[:-len(digits)] + digits if len(text) >= len(digits) else None,
                              text + digits):
                if (candidate is not None and compiled.search(candidate) and len(candidate) >= min_length
                        and (max_length is None or len(candidate) <= max_length)):
                    return candidate
        return text
    return None


# --------------------------------------------------------------------------
# Synthesizing values from schemas
# --------------------------------------------------------------------------

Ref = Tuple[str, frozenset]
_NO_MASK: frozenset = frozenset()
_FIXED_DATE_TIME = "2024-01-02T03:04:05Z"
_FIXED_UNIX_TIME = 1704164645  # the same instant


def _format_value(fmt: str, index: int, name: str) -> Optional[Any]:
    """A value for a string ``format`` (``None`` for formats left to the
    name-based defaults)."""
    number = index + 1
    table: Dict[str, Any] = {
        "date-time": _FIXED_DATE_TIME, "date": "2024-01-02", "time": "03:04:05Z", "duration": "PT1M",
        "uuid": f"00000000-0000-4000-8000-{number:012d}",
        "uri": f"https://example.com/{name or 'resources'}/{number}",
        "url": f"https://example.com/{name or 'resources'}/{number}",
        "iri": f"https://example.com/{name or 'resources'}/{number}",
        "uri-reference": f"/resources/{number}", "iri-reference": f"/resources/{number}",
        "uri-template": "https://example.com/{id}",
        "email": f"user{number}@example.com", "idn-email": f"user{number}@example.com",
        "hostname": "example.com", "idn-hostname": "example.com",
        "ipv4": "192.0.2.1", "ipv6": "2001:db8::1",
        "byte": base64.b64encode(f"mock-bytes-{number}".encode()).decode("ascii"),
        "binary": "binary-data", "password": "mock-password", "regex": "^[a-z]+$",
        "json-pointer": "/a", "relative-json-pointer": "0",
        "date-time-rfc-2822": "Tue, 02 Jan 2024 03:04:05 +0000",
        "phone-number": "+15005550006", "currency": "usd", "iso-country-code": "US", "decimal": "1.5",
        "int32": "1", "int64": "1", "timezone": "UTC", "http-method": "GET", "snowflake": str(number),
        "color": "#336699", "html": "<p>example</p>",
    }
    return table.get(fmt)


def _name_string(name: str, index: int) -> str:
    """A readable string for a property called ``name``."""
    number = index + 1
    lowered = name.lower()
    if lowered == "id" or lowered.endswith("_id") or (name.endswith("Id") and len(name) > 2):
        stem = "id" if lowered == "id" else re.sub(r"_?id$", "", name, flags=re.I) or "id"
        return f"{stem}_{number:04d}"
    if lowered.endswith(("url", "uri", "href")) or lowered in ("link", "website", "homepage"):
        return f"https://example.com/{name}/{number}"
    if "email" in lowered:
        return f"user{number}@example.com"
    if not name:
        return "example"
    return f"example {name}"


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


#: Fields that say "there is more" in a list response, with the value that
#: says "this is the last page" (used when the server does not paginate).
END_OF_LIST_FIELDS: Dict[str, Any] = {
    "has_more": False, "next": None, "previous": None, "prev": None, "next_page": None, "next_url": None,
    "next_page_url": None, "next_page_uri": None, "previous_page_uri": None, "next_cursor": None,
    "nextCursor": None, "next_page_token": None, "nextPageToken": None, "next_token": None, "nextToken": None,
    "next_marker": None, "nextMarker": None, "prev_marker": None, "nextLink": None, "next_link": None,
}


class Synthesizer:
    """Builds values valid against a spec's schemas, deterministically.

    * required properties always; optional ones down to ``optional_depth``
      (not ``writeOnly`` ones in responses, not ``readOnly`` ones in requests);
    * ``const``, then the first ``enum`` value, then a valid ``example`` /
      ``examples`` / ``default``, then a value for the ``format`` (date-time,
      uuid, uri, email, byte, ...), a string matching the ``pattern``, or a
      readable text from the property name; numbers honour minimum, maximum
      and multipleOf, strings and arrays their length bounds;
    * in responses, ``has_more`` is false and next-page links and cursors
      (``next``, ``next_cursor``, ``next_page_uri``, ...) are null where the
      schema allows it: one page, unless the server paginates;
    * ``oneOf`` / ``anyOf``: the first variant whose value validates against
      the whole union (null variants last), with the ``discriminator``
      property set to the variant's tag; ``allOf`` members are merged;
    * recursion is bounded: below ``minimal_depth`` only what is required
      (null where allowed, arrays at their minimum, the cheapest variant).

    Values are checked against the schema by the caller (``synthesize``)."""

    def __init__(self, spec: Spec, direction: str = "response", optional_depth: int = 3, minimal_depth: int = 6,
                 max_depth: int = 40):
        self.spec = spec
        self.direction = direction
        self.optional_depth = optional_depth
        self.minimal_depth = minimal_depth
        self.max_depth = max_depth

    # ----- entry point ---------------------------------------------------

    def generate(self, pointer: str, index: int = 0, forced: Optional[Dict[str, Any]] = None,
                 variant: Optional[int] = None, name: str = "") -> Any:
        return self._gen([(pointer, _NO_MASK)], 0, index, name, forced, variant, 0)

    # ----- schema parts --------------------------------------------------

    def _atoms(self, refs: Sequence[Ref]) -> List[Tuple[str, Dict[str, Any], frozenset]]:
        """Expands references into the plain schemas they stand for: ``$ref``
        targets and ``allOf`` members become atoms of their own."""
        out: List[Tuple[str, Dict[str, Any], frozenset]] = []
        seen: Set[Tuple[str, frozenset]] = set()

        def expand(pointer: str, mask: frozenset) -> None:
            if mask:
                node = self.spec.node(pointer)
            else:
                pointer, node = self.spec.resolve(pointer)
            if (pointer, mask) in seen:
                return
            seen.add((pointer, mask))
            if node is False:
                raise Impossible(f"the schema at {pointer} is false")
            if not isinstance(node, dict):
                return
            if isinstance(node.get("$ref"), str) and "$ref" not in mask:
                target = self.spec.ref_target(node["$ref"], pointer)
                if target is not None:
                    expand(target, _NO_MASK)
                mask = mask | {"$ref"}
            if isinstance(node.get("allOf"), list) and "allOf" not in mask:
                for position in range(len(node["allOf"])):
                    expand(f"{pointer}/allOf/{position}", _NO_MASK)
                mask = mask | {"allOf"}
            out.append((pointer, node, mask))

        for pointer, mask in refs:
            expand(pointer, mask)
        return out

    def _valid_for(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], value: Any) -> bool:
        checked: Set[str] = set()
        for pointer, _node, _mask in atoms:
            if pointer in checked:
                continue
            checked.add(pointer)
            if not self.spec.is_valid(pointer, value):
                return False
        return True

    # ----- generation ----------------------------------------------------

    def _gen(self, refs: Sequence[Ref], depth: int, index: int, name: str, forced: Optional[Dict[str, Any]],
             variant: Optional[int], vary: int) -> Any:
        if depth > self.max_depth:
            raise Impossible("the schema nests too deeply")
        atoms = self._atoms(refs)
        for _pointer, node, _mask in atoms:
            if "const" in node and self._valid_for(atoms, node["const"]):
                return copy.deepcopy(node["const"])
        enum_values: Optional[List[Any]] = None
        for _pointer, node, _mask in atoms:
            if isinstance(node.get("enum"), list):
                if enum_values is None:
                    enum_values = list(node["enum"])
                else:
                    enum_values = [value for value in enum_values if value in node["enum"]]
        if enum_values:
            preferred = [value for value in enum_values if value is not None]
            if not preferred or (depth >= self.minimal_depth and None in enum_values):
                preferred = [None] if None in enum_values else preferred
            start = vary % len(preferred)
            for value in preferred[start:] + preferred[:start]:
                if self._valid_for(atoms, value):
                    return copy.deepcopy(value)
        for pointer, node, mask in atoms:
            for keyword in ("oneOf", "anyOf"):
                if isinstance(node.get(keyword), list) and node[keyword] and keyword not in mask:
                    return self._gen_union(atoms, pointer, node, mask, keyword, depth, index, name, forced,
                                           variant, vary)
        for _pointer, node, _mask in atoms:
            if "const" in node:
                return copy.deepcopy(node["const"])
        if enum_values is not None:
            if not enum_values:
                raise Impossible("no enum value fits every schema")
            return copy.deepcopy(enum_values[0])

        kind = self._kind(atoms, depth)
        if kind is None:
            return None
        if kind == "any":
            return {} if depth < self.optional_depth else "value"
        if kind in ("string", "integer", "number", "boolean"):
            sample = self._sample_value(atoms, kind, name, index)
            if sample is not _MISSING:
                return sample
        if kind == "object":
            return self._gen_object(atoms, depth, index, name, forced)
        if kind == "array":
            return self._gen_array(atoms, depth, index, name)
        if kind == "string":
            return self._gen_string(atoms, index, name)
        if kind in ("integer", "number"):
            return self._gen_number(atoms, kind, name)
        if kind == "boolean":
            return True
        return None

    def _kind(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], depth: int) -> Optional[str]:
        declared: Optional[List[str]] = None
        for _pointer, node, _mask in atoms:
            types = _types_of(node)
            if not types:
                continue
            if declared is None:
                declared = list(types)
            else:
                merged = [kind for kind in declared if kind in types or (kind == "integer" and "number" in types)]
                if "number" in declared and "integer" in types and "integer" not in merged:
                    merged.append("integer")
                declared = merged
        if declared is None:
            keys: Set[str] = set()
            for _pointer, node, _mask in atoms:
                keys.update(node)
            if keys & {"properties", "required", "additionalProperties", "patternProperties", "minProperties",
                       "maxProperties", "propertyNames"}:
                return "object"
            if keys & {"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"}:
                return "array"
            if keys & {"minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType"}:
                return "string"
            if keys & {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}:
                return "number"
            if "format" in keys:
                return "string"
            return "any"
        if not declared:
            raise Impossible("the schemas allow no common type")
        concrete = [kind for kind in declared if kind != "null"]
        if not concrete or ("null" in declared and depth >= self.minimal_depth):
            return None
        if "integer" in concrete and "number" in concrete:
            return "integer"
        return concrete[0]

    def _gen_union(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], pointer: str,
                   node: Dict[str, Any], mask: frozenset, keyword: str, depth: int, index: int, name: str,
                   forced: Optional[Dict[str, Any]], variant: Optional[int], vary: int) -> Any:
        others: List[Ref] = [(atom_pointer, atom_mask) for atom_pointer, _node, atom_mask in atoms
                             if not (atom_pointer == pointer and atom_mask == mask)]
        others.append((pointer, mask | {keyword}))
        count = len(node[keyword])
        order = list(range(count))
        if variant is not None:
            start = variant % count
            order = order[start:] + order[:start]
        else:
            costs = {position: self._variant_cost(f"{pointer}/{keyword}/{position}") for position in order}
            if depth >= self.minimal_depth:
                order.sort(key=lambda position: costs[position])
            else:
                order.sort(key=lambda position: costs[position] == 0)  # null variants last
        discriminator = node.get("discriminator") if isinstance(node.get("discriminator"), dict) else None
        fallback: Any = _MISSING
        for position in order:
            variant_pointer = f"{pointer}/{keyword}/{position}"
            variant_forced = dict(forced or {})
            if discriminator and isinstance(discriminator.get("propertyName"), str):
                tag = self.discriminator_tag(pointer, keyword, position)
                if tag is not None:
                    variant_forced[discriminator["propertyName"]] = tag
            try:
                value = self._gen(others + [(variant_pointer, _NO_MASK)], depth, index, name,
                                  variant_forced or None, None, vary)
            except Impossible:
                continue
            if self._valid_for(atoms, value):
                return value
            if fallback is _MISSING:
                fallback = value
        if fallback is _MISSING:
            raise Impossible(f"no variant of {pointer} can be built")
        return fallback

    def _variant_cost(self, pointer: str) -> int:
        try:
            _pointer, node = self.spec.resolve(pointer)
        except Impossible:
            return 9
        if not isinstance(node, dict):
            return 5
        types = _types_of(node)
        if types == ["null"]:
            return 0
        if "const" in node or "enum" in node or (types and set(types) <= {"string", "integer", "number",
                                                                            "boolean", "null"}):
            return 1
        if types and "array" in types:
            return 2
        return 3

    def discriminator_tag(self, pointer: str, keyword: str, position: int) -> Optional[str]:
        """The discriminator value that selects variant ``position`` of the
        union at ``pointer``: its ``mapping`` key, else the const or single
        enum value of its discriminator property, else its schema name."""
        _union_pointer, node = self.spec.resolve(pointer)
        discriminator = node.get("discriminator") or {}
        prop = discriminator.get("propertyName")
        member = node[keyword][position]
        ref = member.get("$ref") if isinstance(member, dict) else None
        target = self.spec.ref_target(ref, pointer) if isinstance(ref, str) else None
        for key, mapped in (discriminator.get("mapping") or {}).items():
            if not isinstance(mapped, str):
                continue
            mapped_ref = mapped if mapped.startswith("#") or "/" in mapped else f"#/components/schemas/{mapped}"
            if target is not None and self.spec.ref_target(mapped_ref, pointer) == target:
                return str(key)
        if isinstance(prop, str):
            value = self.property_constant(f"{pointer}/{keyword}/{position}", prop)
            if value is not None:
                return value
        if isinstance(ref, str):
            return ref.rsplit("/", 1)[-1]
        return None

    def property_constant(self, pointer: str, prop: str) -> Optional[str]:
        """The const (or first enum value) of property ``prop`` of the schema
        at ``pointer``, through ``$ref`` and ``allOf``."""
        try:
            atoms = self._atoms([(pointer, _NO_MASK)])
        except Impossible:
            return None
        for atom_pointer, node, _mask in atoms:
            properties = node.get("properties")
            if isinstance(properties, dict) and prop in properties:
                try:
                    _p, prop_node = self.spec.resolve(_pointer_join(atom_pointer, "properties", prop))
                except Impossible:
                    continue
                if isinstance(prop_node, dict):
                    if isinstance(prop_node.get("const"), str):
                        return prop_node["const"]
                    enum = prop_node.get("enum")
                    if isinstance(enum, list) and enum and isinstance(enum[0], str):
                        return enum[0]
        return None

    def _sample_value(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], kind: str, name: str,
                      index: int) -> Any:
        """A valid ``example``, ``examples`` entry or ``default`` of a scalar
        schema (not for identifiers past the first item, which must differ)."""
        if index and (name.lower() == "id" or name.lower().endswith("id")):
            return _MISSING
        candidates: List[Any] = []
        for _pointer, node, _mask in atoms:
            if "example" in node:
                candidates.append(node["example"])
            if isinstance(node.get("examples"), list):
                candidates.extend(node["examples"][:3])
            if "default" in node:
                candidates.append(node["default"])
        for candidate in candidates:
            if candidate is None or isinstance(candidate, (dict, list)):
                continue
            if kind == "string" and not isinstance(candidate, str):
                continue
            if kind in ("integer", "number") and (isinstance(candidate, bool)
                                                  or not isinstance(candidate, (int, float))):
                continue
            if kind == "boolean" and not isinstance(candidate, bool):
                continue
            if self._valid_for(atoms, candidate):
                return candidate
        return _MISSING

    def _skipped_here(self, refs: Sequence[Ref]) -> bool:
        """Whether a property is not sent in this direction (readOnly ones in
        requests, writeOnly ones in responses)."""
        flag = "readOnly" if self.direction == "request" else "writeOnly"
        for pointer, _mask in refs:
            try:
                raw = self.spec.node(pointer)
                if isinstance(raw, dict) and raw.get(flag) is True:
                    return True
                _p, node = self.spec.resolve(pointer)
            except (Impossible, KeyError, IndexError, TypeError, ValueError):
                continue
            if isinstance(node, dict) and node.get(flag) is True:
                return True
        return False

    def _gen_object(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], depth: int, index: int,
                    name: str, forced: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        properties: Dict[str, List[Ref]] = {}
        required: List[str] = []
        closed: List[Set[str]] = []
        additional: List[Ref] = []
        min_properties = 0
        max_properties: Optional[int] = None
        for pointer, node, _mask in atoms:
            for prop in node.get("properties") or {}:
                properties.setdefault(prop, []).append((_pointer_join(pointer, "properties", prop), _NO_MASK))
            for prop in node.get("required") or []:
                if isinstance(prop, str) and prop not in required:
                    required.append(prop)
            extra = node.get("additionalProperties")
            if extra is False and not node.get("patternProperties"):
                closed.append(set(node.get("properties") or {}))
            elif isinstance(extra, dict) and extra:
                additional.append((_pointer_join(pointer, "additionalProperties"), _NO_MASK))
            if isinstance(node.get("minProperties"), int):
                min_properties = max(min_properties, node["minProperties"])
            if isinstance(node.get("maxProperties"), int):
                max_properties = node["maxProperties"] if max_properties is None else min(max_properties,
                                                                                         node["maxProperties"])

        # "not: {required: [a, b]}" (exactly one of a and b): the optional
        # members of such a list are left out.
        excluded: Set[str] = set()
        for _pointer, node, _mask in atoms:
            negated = node.get("not")
            if isinstance(negated, dict) and set(negated) == {"required"} and isinstance(negated["required"], list):
                excluded.update(name for name in negated["required"] if name not in required)

        def allowed(prop: str) -> bool:
            return all(prop in names for names in closed) and prop not in excluded

        result: Dict[str, Any] = {}
        optional_left: List[str] = []
        for prop, prop_refs in properties.items():
            if forced and prop in forced:
                result[prop] = forced[prop]
                continue
            if self.direction == "response" and prop in END_OF_LIST_FIELDS:
                # A single page unless the server paginates: no next link or
                # cursor (a client following one would leave the mock), no more.
                end = END_OF_LIST_FIELDS[prop]
                if self._valid_for(self._atoms(prop_refs), end):
                    if end is not None or prop in required or depth < self.optional_depth:
                        result[prop] = end
                    continue
            is_required = prop in required
            if not is_required:
                if not allowed(prop) or self._skipped_here(prop_refs):
                    continue
                if depth >= self.optional_depth:
                    optional_left.append(prop)
                    continue
            try:
                result[prop] = self._gen(prop_refs, depth + 1, index, prop, None, None, 0)
            except Impossible:
                if is_required:
                    raise
        for prop, value in (forced or {}).items():
            result.setdefault(prop, value)
        for prop in required:
            if prop not in result:
                result[prop] = (self._gen(additional, depth + 1, index, prop, None, None, 0) if additional
                                else _name_string(prop, index))
        for prop in optional_left:
            if len(result) >= min_properties:
                break
            try:
                result[prop] = self._gen(properties[prop], depth + 1, index, prop, None, None, 0)
            except Impossible:
                continue
        wanted_extra = 1 if (additional and not properties and depth < self.optional_depth) else 0
        position = 0
        while (len(result) < min_properties or wanted_extra > 0) and position < 64:
            if max_properties is not None and len(result) >= max_properties:
                break
            key = "key" if position == 0 else f"key{position + 1}"
            position += 1
            if key in result:
                continue
            result[key] = (self._gen(additional, depth + 1, index, key, None, None, 0) if additional
                           else "value")
            wanted_extra -= 1
        return result

    def _gen_array(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], depth: int, index: int,
                   name: str) -> List[Any]:
        item_refs: List[Ref] = []
        prefix: List[List[Ref]] = []
        contains: List[Ref] = []
        min_items = 0
        max_items: Optional[int] = None
        unique = False
        for pointer, node, _mask in atoms:
            if isinstance(node.get("prefixItems"), list):
                for position in range(len(node["prefixItems"])):
                    while len(prefix) <= position:
                        prefix.append([])
                    prefix[position].append((f"{pointer}/prefixItems/{position}", _NO_MASK))
            items = node.get("items")
            if items is False:
                count = len(node.get("prefixItems") or [])
                max_items = count if max_items is None else min(max_items, count)
            elif isinstance(items, dict):
                item_refs.append((_pointer_join(pointer, "items"), _NO_MASK))
            elif isinstance(items, list):  # draft-04 style tuple
                for position in range(len(items)):
                    while len(prefix) <= position:
                        prefix.append([])
                    prefix[position].append((f"{pointer}/items/{position}", _NO_MASK))
            if isinstance(node.get("contains"), dict):
                contains.append((_pointer_join(pointer, "contains"), _NO_MASK))
            if isinstance(node.get("minItems"), int):
                min_items = max(min_items, node["minItems"])
            if isinstance(node.get("maxItems"), int):
                max_items = node["maxItems"] if max_items is None else min(max_items, node["maxItems"])
            unique = unique or node.get("uniqueItems") is True
        count = max(min_items, 1 if depth < self.minimal_depth else 0, 1 if contains else 0)
        if max_items is not None:
            count = min(count, max_items)
        item_name = _singular(name)
        values: List[Any] = []
        for position in range(count):
            refs = list(prefix[position]) if position < len(prefix) else list(item_refs)
            if position == 0:
                refs += contains
            value: Any = _MISSING
            for attempt in range(12 if unique else 1):
                candidate = self._gen(refs, depth + 1, index * 0 + position + attempt, item_name, None, None,
                                      position + attempt)
                value = candidate
                if not unique or candidate not in values:
                    break
            values.append(value)
        return values

    def _gen_string(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], index: int, name: str) -> str:
        fmt: Optional[str] = None
        patterns: List[str] = []
        min_length = 0
        max_length: Optional[int] = None
        for _pointer, node, _mask in atoms:
            if fmt is None and isinstance(node.get("format"), str):
                fmt = node["format"]
            if isinstance(node.get("pattern"), str):
                patterns.append(node["pattern"])
            if isinstance(node.get("minLength"), int):
                min_length = max(min_length, node["minLength"])
            if isinstance(node.get("maxLength"), int):
                max_length = node["maxLength"] if max_length is None else min(max_length, node["maxLength"])
        candidates: List[str] = []
        if fmt is not None:
            value = _format_value(fmt, index, name)
            if isinstance(value, str):
                candidates.append(value)
        if patterns:
            sample = regex_sample(patterns[0], index, min_length, max_length)
            if sample is not None:
                candidates.append(sample)
        candidates.append(_name_string(name, index))
        fitted: List[str] = []
        for candidate in candidates:
            fitted.append(candidate)
            if len(candidate) < min_length:
                fitted.append(candidate + "x" * (min_length - len(candidate)))
            if max_length is not None and len(candidate) > max_length:
                fitted.append(candidate[:max_length])
        if not fitted or (max_length is not None and max_length < len(fitted[-1])):
            fitted.append("x" * max(min_length, 1))
        for candidate in fitted:
            if (len(candidate) >= min_length and (max_length is None or len(candidate) <= max_length)
                    and self._valid_for(atoms, candidate)):
                return candidate
        return fitted[0]

    def _gen_number(self, atoms: Sequence[Tuple[str, Dict[str, Any], frozenset]], kind: str, name: str) -> Any:
        low: Optional[float] = None
        high: Optional[float] = None
        low_exclusive = high_exclusive = False
        multiple: Optional[float] = None
        fmt: Optional[str] = None
        for _pointer, node, _mask in atoms:
            if fmt is None and isinstance(node.get("format"), str):
                fmt = node["format"]
            for keyword, exclusive in (("minimum", False), ("exclusiveMinimum", True)):
                value = node.get(keyword)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    if low is None or value > low or (value == low and exclusive):
                        low, low_exclusive = value, exclusive
            for keyword, exclusive in (("maximum", False), ("exclusiveMaximum", True)):
                value = node.get(keyword)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    if high is None or value < high or (value == high and exclusive):
                        high, high_exclusive = value, exclusive
            if isinstance(node.get("multipleOf"), (int, float)) and node["multipleOf"] > 0:
                multiple = node["multipleOf"]
        integer = kind == "integer"
        if fmt in ("unixtime", "unix-time", "timestamp") or name in ("created", "created_at", "updated_at"):
            preferred: float = _FIXED_UNIX_TIME if fmt in ("unixtime", "unix-time", "timestamp") else 1
        else:
            preferred = 1 if integer else 1.5
        candidates: List[float] = [preferred]
        if low is not None:
            candidates.append(math.floor(low) + 1 if integer and low_exclusive else
                              (math.ceil(low) if integer else (low + 1 if low_exclusive else low)))
        if high is not None:
            candidates.append(math.ceil(high) - 1 if integer and high_exclusive else
                              (math.floor(high) if integer else (high - 1 if high_exclusive else high)))
        if low is not None and high is not None:
            middle = (low + high) / 2
            candidates.append(math.floor(middle) if integer else middle)
        if multiple is not None:
            base = [multiple * math.ceil((candidate / multiple) - 1e-9) for candidate in candidates]
            candidates = [multiple] + base + candidates

        def fits(value: float) -> bool:
            if low is not None and (value < low or (low_exclusive and value == low)):
                return False
            if high is not None and (value > high or (high_exclusive and value == high)):
                return False
            return True

        for candidate in candidates:
            value: Any = int(candidate) if integer and float(candidate).is_integer() else candidate
            if integer and not isinstance(value, int):
                continue
            if fits(value) and self._valid_for(atoms, value):
                return value
        return int(preferred) if integer else preferred


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()


def synthesize(spec: Spec, pointer: str, *, direction: str = "response", index: int = 0,
               forced: Optional[Dict[str, Any]] = None, variant: Optional[int] = None, name: str = "",
               what: str = "body") -> Any:
    """A value for the schema at ``pointer``, validated against it; raises
    ``SynthesisError`` (with the validation messages) when it is not valid.
    Results are memoised per spec (deep copies are returned)."""
    key = ("synth", pointer, direction, index, json.dumps(forced, sort_keys=True) if forced else None, variant, name)
    with spec.lock:
        cached = spec.cache.get(key, _MISSING)
        if cached is not _MISSING:
            return copy.deepcopy(cached)
        try:
            value = Synthesizer(spec, direction).generate(pointer, index=index, forced=forced, variant=variant,
                                                          name=name)
        except Impossible as exc:
            raise SynthesisError(f"{what}: no value can be synthesized for {pointer}: {exc}") from None
        except RecursionError:
            raise SynthesisError(f"{what}: the schema at {pointer} recurses too deeply to synthesize") from None
        problems = spec.errors(pointer, value, what)
        if problems:
            raise SynthesisError("; ".join(problems))
        if len(spec.cache) > 20_000:
            spec.cache.clear()
        spec.cache[key] = value
        return copy.deepcopy(value)


# --------------------------------------------------------------------------
# Turning raw strings (parameters, form fields, text parts) into JSON values
# --------------------------------------------------------------------------

_INTEGER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _scalar_readings(text: str, kind: str) -> List[Any]:
    if kind == "string":
        return [text]
    if kind == "integer" and _INTEGER_TEXT.fullmatch(text):
        return [int(text)]
    if kind == "number" and _NUMBER_TEXT.fullmatch(text):
        value = float(text)
        return [int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value]
    if kind == "boolean" and text in ("true", "false"):
        return [text == "true"]
    if kind == "null" and text in ("null",):
        return [None]
    return []


def coerce(spec: Spec, refs: Sequence[Ref], raw: Any, depth: int = 0) -> Any:
    """Reads ``raw`` (a string, a list or a dict of them, as a parameter style
    or a form body delivers it) as the JSON value the schemas at ``refs``
    describe: numbers, booleans, arrays (``[]``-appended or ``[0]``-indexed
    keys), nested objects, the first union variant that validates. Text that
    fits no type is returned as it is, for the validator to report."""
    if depth > 30 or not refs:
        return raw
    synthesizer = Synthesizer(spec, "request")
    try:
        atoms = synthesizer._atoms(refs)
    except Impossible:
        return raw
    for pointer, node, mask in atoms:
        for keyword in ("oneOf", "anyOf"):
            if isinstance(node.get(keyword), list) and node[keyword] and keyword not in mask:
                others = [(atom_pointer, atom_mask) for atom_pointer, _n, atom_mask in atoms
                          if not (atom_pointer == pointer and atom_mask == mask)] + [(pointer, mask | {keyword})]
                readings = []
                for position in range(len(node[keyword])):
                    value = coerce(spec, others + [(f"{pointer}/{keyword}/{position}", _NO_MASK)], raw, depth + 1)
                    if synthesizer._valid_for(atoms, value):
                        return value
                    readings.append(value)
                typed = [value for value in readings if value is not raw and value != raw]
                return typed[0] if typed else raw
    declared: List[str] = []
    for _pointer, node, _mask in atoms:
        for kind in _types_of(node):
            if kind not in declared:
                declared.append(kind)
    if not declared:
        keys: Set[str] = set()
        for _pointer, node, _mask in atoms:
            keys.update(node)
        if keys & {"properties", "additionalProperties"}:
            declared = ["object"]
        elif "items" in keys:
            declared = ["array"]
    if isinstance(raw, dict):
        if "array" in declared and raw and all(key.isdigit() for key in raw):
            ordered = [raw[key] for key in sorted(raw, key=int)]
            return coerce(spec, refs, ordered, depth + 1)
        result: Dict[str, Any] = {}
        for key, value in raw.items():
            prop_refs: List[Ref] = []
            for pointer, node, _mask in atoms:
                if isinstance(node.get("properties"), dict) and key in node["properties"]:
                    prop_refs.append((_pointer_join(pointer, "properties", key), _NO_MASK))
            if not prop_refs:
                for pointer, node, _mask in atoms:
                    for pattern in (node.get("patternProperties") or {}):
                        try:
                            if re.search(pattern, key):
                                prop_refs.append((_pointer_join(pointer, "patternProperties", pattern), _NO_MASK))
                        except re.error:
                            continue
            if not prop_refs:
                for pointer, node, _mask in atoms:
                    if isinstance(node.get("additionalProperties"), dict):
                        prop_refs.append((_pointer_join(pointer, "additionalProperties"), _NO_MASK))
            result[key] = coerce(spec, prop_refs, value, depth + 1) if prop_refs else value
        return result
    if isinstance(raw, list):
        if "array" in declared or not declared:
            item_refs = [(_pointer_join(pointer, "items"), _NO_MASK) for pointer, node, _mask in atoms
                         if isinstance(node.get("items"), dict)]
            return [coerce(spec, item_refs, item, depth + 1) for item in raw]
        return raw
    if not isinstance(raw, str):
        return raw
    if "array" in declared and "string" not in declared:
        return coerce(spec, refs, [raw], depth + 1)
    readings: List[Any] = []
    for kind in declared or ["string"]:
        readings.extend(_scalar_readings(raw, kind))
    if not declared:
        for _pointer, node, _mask in atoms:
            for value in node.get("enum") or []:
                if not isinstance(value, str) and value is not None and json.dumps(value) == raw:
                    readings.insert(0, value)
    for reading in readings:
        if synthesizer._valid_for(atoms, reading):
            return reading
    return readings[0] if readings else raw


# --------------------------------------------------------------------------
# Requests as they came
# --------------------------------------------------------------------------


@dataclass
class Incoming:
    """What the request line and headers said."""

    method: str
    raw_path: str
    query_string: str
    headers: List[Tuple[str, str]]

    def header(self, name: str) -> Optional[str]:
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None

    def header_values(self, name: str) -> List[str]:
        lowered = name.lower()
        return [value for key, value in self.headers if key.lower() == lowered]

    def cookies(self) -> List[Tuple[str, str]]:
        pairs: List[Tuple[str, str]] = []
        for value in self.header_values("Cookie"):
            for piece in value.split(";"):
                name, equals, cookie_value = piece.strip().partition("=")
                if equals and name:
                    cookie_value = cookie_value.strip()
                    if len(cookie_value) >= 2 and cookie_value[0] == cookie_value[-1] == '"':
                        cookie_value = cookie_value[1:-1]
                    pairs.append((name.strip(), cookie_value))
        return pairs

    @property
    def query_pairs(self) -> List[Tuple[str, str]]:
        return _split_query(self.query_string, plus_is_space=False)


@dataclass
class Match:
    operation: OperationInfo
    path_values: Dict[str, str]   # raw (still percent-encoded) template values
    api_path: str


def find_operation(spec: Spec, incoming: Incoming, path: str) -> List[Match]:
    """The operations (best first) whose path template and method fit the
    request; raises ``RequestRejected`` 404 / 405."""
    query_names = _query_dict(incoming.query_pairs)
    candidates: List[Tuple[Tuple[int, int, int], OperationInfo, Dict[str, str], str]] = []
    for base in spec.base_paths + [""]:
        if base and not (path == base or path.startswith(base + "/")):
            continue
        rest = path[len(base):] or "/"
        for operation in spec.operations:
            found = operation.regex.fullmatch(rest)
            if not found:
                continue
            if any(query_names.get(name) != [value] for name, value in operation.fixed_query.items()):
                continue
            values = dict(zip(operation.variables, found.groups()))
            rank = (-len(operation.fixed_query), len(operation.variables), -operation.literal_length)
            candidates.append((rank, operation, values, rest))
        if candidates:
            break
    if not candidates:
        raise RequestRejected(404, [f"no path of {spec.id} matches {path}"
                                    + (f" (with or without its server path {', '.join(spec.base_paths)})"
                                       if spec.base_paths else "")])
    method = incoming.method.lower()
    fitting = [candidate for candidate in candidates if candidate[1].method == method]
    if not fitting:
        allowed = sorted({candidate[1].method.upper() for candidate in candidates})
        raise RequestRejected(405, [f"{path} has no {incoming.method} operation in {spec.id} "
                                    f"(allowed: {', '.join(allowed)})"], headers={"Allow": ", ".join(allowed)})
    fitting.sort(key=lambda candidate: (candidate[0], candidate[1].index))
    best_rank = fitting[0][0]
    return [Match(operation, values, rest) for rank, operation, values, rest in fitting if rank == best_rank]


# --------------------------------------------------------------------------
# Security
# --------------------------------------------------------------------------


@dataclass
class SecurityOutcome:
    """Which security requirement a request met (never the secret itself)."""

    required: bool
    satisfied_by: List[str]
    details: List[Dict[str, Any]]
    credentials: List[str]         # the secret values, for redaction only

    def describe(self) -> Dict[str, Any]:
        return {"required": self.required, "scheme": self.satisfied_by[0] if self.satisfied_by else None,
                "schemes": self.satisfied_by, "details": self.details}


def effective_security(spec: Spec, operation: OperationInfo) -> Optional[List[Dict[str, Any]]]:
    """The operation's security requirements (its own, else the root's);
    ``None`` or ``[]`` when none applies."""
    if "security" in operation.document:
        requirement = operation.document["security"]
    else:
        requirement = spec.document.get("security")
    if not isinstance(requirement, list):
        return None
    return [entry if isinstance(entry, dict) else {} for entry in requirement]


def implied_key_header(spec: Spec, operation: OperationInfo) -> Optional[str]:
    """In a spec without any security scheme, a declared ``x-api-key`` /
    ``api-key`` header parameter is the credential (Anthropic's mirror)."""
    if spec.security_schemes() or effective_security(spec, operation):
        return None
    for parameter in spec.parameters(operation):
        if parameter.location == "header" and parameter.name.lower() in IMPLIED_KEY_HEADERS:
            return parameter.name
    return None


def _scheme_label(name: str, scheme: Dict[str, Any]) -> str:
    kind = str(scheme.get("type", "?"))
    if kind == "apiKey":
        return f"{name} (apiKey in {scheme.get('in')} {scheme.get('name')!r})"
    if kind == "http":
        return f"{name} (http {str(scheme.get('scheme', '')).lower()}: Authorization: " \
               f"{str(scheme.get('scheme', '')).capitalize()} ...)"
    if kind in ("oauth2", "openIdConnect"):
        return f"{name} ({kind}: Authorization: Bearer <token>)"
    return f"{name} ({kind})"


def _check_scheme(name: str, scheme: Dict[str, Any], incoming: Incoming) -> Tuple[Optional[str], Dict[str, Any], str]:
    """Checks one scheme; returns (problem or None, detail, credential)."""
    kind = scheme.get("type")
    detail: Dict[str, Any] = {"scheme": name, "type": kind}
    if kind == "apiKey":
        location = str(scheme.get("in", "header")).lower()
        key_name = str(scheme.get("name", ""))
        detail.update({"in": location, "name": key_name})
        if location == "header":
            values = incoming.header_values(key_name)
        elif location == "query":
            values = [value for key, value in incoming.query_pairs if key == key_name]
        elif location == "cookie":
            values = [value for key, value in incoming.cookies() if key == key_name]
        else:
            return f"{name}: apiKey location {location!r} is not supported", detail, ""
        if not values:
            return f"{name}: the {location} {key_name!r} is missing", detail, ""
        if len(values) > 1:
            return f"{name}: the {location} {key_name!r} was sent {len(values)} times", detail, ""
        if not values[0].strip():
            return f"{name}: the {location} {key_name!r} is empty", detail, ""
        detail["credential_sha256"] = hashlib.sha256(values[0].encode()).hexdigest()
        return None, detail, values[0]
    authorization = incoming.header_values("Authorization")
    if kind == "http":
        wanted = str(scheme.get("scheme", "")).lower()
    elif kind in ("oauth2", "openIdConnect"):
        wanted = "bearer"
    elif kind == "mutualTLS":
        return f"{name}: mutualTLS cannot be satisfied over plain HTTP", detail, ""
    else:
        return f"{name}: unknown security scheme type {kind!r}", detail, ""
    detail["auth_scheme"] = wanted
    if not authorization:
        return f"{name}: the Authorization header is missing (expected {wanted.capitalize()} credentials)", detail, ""
    if len(authorization) > 1:
        return f"{name}: the Authorization header was sent {len(authorization)} times", detail, ""
    given_scheme, _, credentials = authorization[0].strip().partition(" ")
    credentials = credentials.strip()
    if given_scheme.lower() != wanted:
        return f"{name}: Authorization uses the {given_scheme!r} scheme, not {wanted.capitalize()}", detail, ""
    if not credentials:
        return f"{name}: the Authorization header has no {wanted.capitalize()} credentials", detail, ""
    if wanted == "bearer" and not re.fullmatch(r"[A-Za-z0-9\-._~+/]+=*", credentials):
        return f"{name}: the bearer token is not a token68 value", detail, credentials
    if wanted == "basic":
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            return f"{name}: the Basic credentials are not base64 of UTF-8 text", detail, credentials
        if ":" not in decoded:
            return f"{name}: the Basic credentials do not decode to user:password", detail, credentials
        detail["user_sha256"] = hashlib.sha256(decoded.split(":", 1)[0].encode()).hexdigest()
    detail["credential_sha256"] = hashlib.sha256(credentials.encode()).hexdigest()
    return None, detail, credentials


def check_security(spec: Spec, operation: OperationInfo, incoming: Incoming) -> SecurityOutcome:
    """Raises ``RequestRejected`` 401 when no alternative of the operation's
    security requirement is met; an alternative is met when all its schemes
    are."""
    requirement = effective_security(spec, operation)
    implied = implied_key_header(spec, operation)
    if implied is not None:
        requirement = [{f"{implied} (implied header parameter)": []}]
        schemes = {f"{implied} (implied header parameter)": {"type": "apiKey", "in": "header", "name": implied}}
    else:
        schemes = spec.security_schemes()
    if not requirement:
        return SecurityOutcome(False, [], [], [])
    problems: List[str] = []
    expected: List[str] = []
    credentials: List[str] = []
    for alternative in requirement:
        if not alternative:
            return SecurityOutcome(True, ["(anonymous)"], [], [])
        met: List[str] = []
        details: List[Dict[str, Any]] = []
        failed: List[str] = []
        secrets: List[str] = []
        for name in alternative:
            scheme = schemes.get(name)
            if scheme is None:
                failed.append(f"{name}: no such security scheme is defined")
                continue
            problem, detail, credential = _check_scheme(name, scheme, incoming)
            if credential:
                secrets.append(credential)
                credentials.append(credential)
            if problem:
                failed.append(problem)
            else:
                met.append(name)
                details.append(detail)
        expected.append(" + ".join(_scheme_label(name, schemes.get(name, {})) for name in alternative))
        if not failed:
            return SecurityOutcome(True, met, details, secrets)
        problems.extend(failed)
    challenges: List[str] = []
    for alternative in requirement:
        for name in alternative:
            scheme = schemes.get(name) or {}
            if scheme.get("type") == "http":
                challenge = f'{str(scheme.get("scheme", "")).capitalize()} realm="mock"'
            elif scheme.get("type") in ("oauth2", "openIdConnect"):
                challenge = 'Bearer realm="mock"'
            else:
                continue
            if challenge not in challenges:
                challenges.append(challenge)
    raise Unauthorized(expected, problems, credentials, challenges)


class Unauthorized(RequestRejected):
    """A 401: the security requirement was not met."""

    def __init__(self, expected: List[str], problems: List[str], credentials: List[str], challenges: List[str]):
        super().__init__(401, problems, headers={"WWW-Authenticate": ", ".join(challenges)} if challenges else None)
        self.expected = expected
        self.credentials = credentials


# --------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------


def schema_shape(spec: Spec, pointer: Optional[str]) -> Set[str]:
    """Every type the schema at ``pointer`` admits, union variants included."""
    if pointer is None:
        return set()
    shape: Set[str] = set()
    try:
        atoms = Synthesizer(spec, "request")._atoms([(pointer, _NO_MASK)])
    except Impossible:
        return shape
    for atom_pointer, node, _mask in atoms:
        shape.update(_types_of(node))
        if "properties" in node or "additionalProperties" in node:
            shape.add("object")
        if "items" in node:
            shape.add("array")
        for keyword in ("oneOf", "anyOf"):
            for position, _member in enumerate(node.get(keyword) or []):
                shape |= schema_shape(spec, f"{atom_pointer}/{keyword}/{position}")
    return shape


def object_property_names(spec: Spec, pointer: str) -> Tuple[List[str], bool]:
    """Property names of the object schema at ``pointer`` (over ``allOf`` and
    union variants) and whether other names are allowed."""
    names: List[str] = []
    open_ended = False
    try:
        atoms = Synthesizer(spec, "request")._atoms([(pointer, _NO_MASK)])
    except Impossible:
        return names, True
    has_properties = False
    for atom_pointer, node, _mask in atoms:
        if isinstance(node.get("properties"), dict):
            has_properties = True
            names += [name for name in node["properties"] if name not in names]
        # A required name without a property schema is allowed, too (Box,
        # Stability: "required: [grant_type]" with no such property).
        names += [name for name in node.get("required") or [] if isinstance(name, str) and name not in names]
        extra = node.get("additionalProperties")
        if extra is True or (isinstance(extra, dict)) or node.get("patternProperties"):
            open_ended = True
        for keyword in ("oneOf", "anyOf"):
            for position, _member in enumerate(node.get(keyword) or []):
                more, more_open = object_property_names(spec, f"{atom_pointer}/{keyword}/{position}")
                names += [name for name in more if name not in names]
                open_ended = open_ended or more_open
                has_properties = has_properties or bool(more)
    return names, open_ended or not has_properties


def _split_object(pieces: List[str], exploded: bool) -> Any:
    """``k,v,k,v`` or (exploded) ``k=v`` pieces as a dict; ``None`` when malformed."""
    if exploded:
        result: Dict[str, str] = {}
        for piece in pieces:
            key, equals, value = piece.partition("=")
            if not equals:
                return None
            result[key] = value
        return result
    if len(pieces) % 2:
        return None
    return {pieces[position]: pieces[position + 1] for position in range(0, len(pieces), 2)}


def validate_parameters(spec: Spec, match: Match, incoming: Incoming, security: SecurityOutcome,
                        ) -> Tuple[Dict[str, Dict[str, Any]], List[str]]:
    """Parses and validates the path, query, header and cookie parameters by
    their style and explode; returns the values and the problems."""
    operation = match.operation
    errors: List[str] = []
    values: Dict[str, Dict[str, Any]] = {"path": {}, "query": {}, "header": {}, "cookie": {}}
    pairs = incoming.query_pairs
    claimed = [False] * len(pairs)
    schemes = spec.security_schemes()
    key_query_names = {str(scheme.get("name")) for scheme in schemes.values()
                       if scheme.get("type") == "apiKey" and str(scheme.get("in")).lower() == "query"}
    for position, (key, _value) in enumerate(pairs):
        if key in operation.fixed_query or key in key_query_names:
            claimed[position] = True

    def check(parameter: Parameter, raw: Any, label: str) -> None:
        if parameter.content_type is not None:
            text = raw if isinstance(raw, str) else (raw[0] if isinstance(raw, list) and len(raw) == 1 else None)
            if text is None:
                errors.append(f"{label}: expected one {parameter.content_type} value")
                return
            if _is_json_media(parameter.content_type):
                try:
                    value = _strict_json_loads(text.encode("utf-8"), label)
                except ValueError as exc:
                    errors.append(str(exc))
                    return
            else:
                value = text
        elif parameter.schema_pointer is None:
            value = raw
        else:
            value = coerce(spec, [(parameter.schema_pointer, _NO_MASK)], raw)
        if parameter.schema_pointer is not None:
            if raw == "" and parameter.definition.get("allowEmptyValue"):
                pass
            else:
                errors.extend(spec.errors(parameter.schema_pointer, value, label))
        values[parameter.location][parameter.name] = value

    for parameter in spec.parameters(operation):
        shape = schema_shape(spec, parameter.schema_pointer)
        is_array = "array" in shape and not shape & {"string", "integer", "number", "boolean", "object"}
        is_object = "object" in shape and not shape & {"string", "integer", "number", "boolean", "array"}
        location = parameter.location
        if location == "path":
            label = f"path parameter {parameter.name!r}"
            raw_text = match.path_values.get(parameter.name)
            if raw_text is None:
                if parameter.name not in operation.variables:
                    errors.append(f"{label}: declared but not in the path template {operation.template}")
                continue
            style = parameter.style
            text = raw_text
            if style == "label":
                if not text.startswith("."):
                    errors.append(f"{label}: label style values start with '.'")
                    continue
                pieces = [unquote(piece) for piece in text[1:].split("." if parameter.explode else ",")]
            elif style == "matrix":
                prefix = f";{parameter.name}="
                if is_object and parameter.explode:
                    pieces = [unquote(piece) for piece in text[1:].split(";")] if text.startswith(";") else []
                elif not text.startswith(prefix):
                    errors.append(f"{label}: matrix style values start with {prefix!r}")
                    continue
                elif is_array and parameter.explode:
                    pieces = [unquote(piece.partition("=")[2]) for piece in text.split(";")[1:]]
                else:
                    pieces = [unquote(piece) for piece in text[len(prefix):].split(",")]
            else:
                pieces = [unquote(piece) for piece in text.split(",")]
            if is_array:
                raw: Any = pieces
            elif is_object:
                raw = _split_object(pieces, parameter.explode)
                if raw is None:
                    errors.append(f"{label}: {text!r} is not a {style} object")
                    continue
            else:
                raw = unquote(text[1:]) if style == "label" else (
                    unquote(text[len(f';{parameter.name}='):]) if style == "matrix" else unquote(text))
            check(parameter, raw, label)
        elif location == "query":
            label = f"query parameter {parameter.name!r}"
            style = parameter.style
            raw = _MISSING
            if parameter.content_type is not None:
                found = [value for key, value in pairs if key == parameter.name]
                for position, (key, _value) in enumerate(pairs):
                    if key == parameter.name:
                        claimed[position] = True
                raw = found if found else _MISSING
            elif style == "deepObject":
                root: Dict[str, Any] = {}
                plain: List[str] = []
                for position, (key, value) in enumerate(pairs):
                    base, tokens = _parse_brackets(key)
                    if base == parameter.name and tokens:
                        claimed[position] = True
                        problem = _insert_path(root, [base] + tokens, value)
                        if problem:
                            errors.append(f"{label}: the key {key!r} {problem}")
                    elif key == parameter.name:
                        claimed[position] = True
                        plain.append(value)
                tree = root.get(parameter.name)
                if tree and plain:
                    errors.append(f"{label}: sent both as {parameter.name}=... and with [key] brackets")
                    continue
                if tree:
                    raw = tree
                elif plain:
                    raw = plain if len(plain) > 1 or is_array else plain[0]
            elif style in ("form", "spaceDelimited", "pipeDelimited"):
                if parameter.explode and is_object:
                    props, _open = object_property_names(spec, parameter.schema_pointer or "#")
                    found_object: Dict[str, Any] = {}
                    for position, (key, value) in enumerate(pairs):
                        if key in props and not claimed[position]:
                            claimed[position] = True
                            found_object[key] = value
                    raw = found_object if found_object else _MISSING
                else:
                    found = []
                    for position, (key, value) in enumerate(pairs):
                        if key == parameter.name:
                            claimed[position] = True
                            found.append(value)
                    if found:
                        if parameter.explode:
                            if is_array:
                                raw = found
                            elif len(found) > 1:
                                errors.append(f"{label}: sent {len(found)} times but it is not an array")
                                continue
                            else:
                                raw = found[0]
                        else:
                            if len(found) > 1:
                                errors.append(f"{label}: sent {len(found)} times; with explode: false "
                                              "an array or object is one delimited value")
                                continue
                            separator = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}[style]
                            if is_array:
                                raw = found[0].split(separator) if found[0] != "" else []
                            elif is_object:
                                raw = _split_object(found[0].split(separator), False)
                                if raw is None:
                                    errors.append(f"{label}: {found[0]!r} is not a {style} object")
                                    continue
                            else:
                                raw = found[0]
            else:
                errors.append(f"{label}: style {style!r} is not defined for query parameters")
                continue
            if raw is _MISSING:
                if parameter.required:
                    errors.append(f"{label}: required but missing")
                continue
            check(parameter, raw, label)
        elif location == "header":
            if parameter.name.lower() in IGNORED_HEADER_PARAMETERS:
                continue
            label = f"header {parameter.name!r}"
            found = incoming.header_values(parameter.name)
            if not found:
                if parameter.required:
                    errors.append(f"{label}: required but missing")
                continue
            text = ", ".join(found)
            if is_array:
                raw = [piece.strip() for piece in text.split(",")]
            elif is_object:
                raw = _split_object([piece.strip() for piece in text.split(",")], parameter.explode)
                if raw is None:
                    errors.append(f"{label}: {text!r} is not a simple-style object")
                    continue
            else:
                if len(found) > 1:
                    errors.append(f"{label}: sent {len(found)} times")
                    continue
                raw = text
            check(parameter, raw, label)
        elif location == "cookie":
            label = f"cookie {parameter.name!r}"
            found = [value for key, value in incoming.cookies() if key == parameter.name]
            if not found:
                if parameter.required:
                    errors.append(f"{label}: required but missing")
                continue
            if is_array:
                raw = found if parameter.explode else found[0].split(",")
            elif is_object:
                raw = _split_object(found[0].split(","), False)
                if raw is None:
                    errors.append(f"{label}: {found[0]!r} is not a form-style object")
                    continue
            else:
                if len(found) > 1:
                    errors.append(f"{label}: sent {len(found)} times")
                    continue
                raw = found[0]
            check(parameter, raw, label)
    declared = sorted({parameter.name for parameter in spec.parameters(operation) if parameter.location == "query"})
    reported: Set[str] = set()
    for position, (key, _value) in enumerate(pairs):
        if not claimed[position] and key not in reported:
            reported.add(key)
            errors.append(f"query parameter {key!r}: not declared by {operation.operation_id} "
                          f"(declared: {', '.join(declared) or 'none'})")
    return values, errors


# --------------------------------------------------------------------------
# Request bodies: a streaming multipart/form-data parser
# --------------------------------------------------------------------------


@dataclass
class StreamedPart:
    """One part of a multipart body, summarised while it streamed in: file
    parts are only counted and hashed, other parts are kept (they are small)."""

    name: str
    filename: Optional[str]
    content_type: Optional[str]
    media_type: Optional[str]
    media_params: Dict[str, str]
    size: int = 0
    sha256: str = ""
    body: Optional[bytes] = None

    def describe(self) -> Dict[str, Any]:
        info: Dict[str, Any] = {"name": self.name, "filename": self.filename, "content_type": self.content_type,
                                "size": self.size, "sha256": self.sha256}
        if self.filename is None and self.body is not None:
            try:
                info["text"] = _clip(self.body.decode("utf-8"), 2000)
            except UnicodeDecodeError:
                info["text"] = None
        return info


class MultipartStream:
    """An incremental RFC 2046 / RFC 7578 multipart/form-data parser with the
    rules of ``validating_server.parse_multipart`` (same header checks, via
    its ``_parse_part``), fed piece by piece: it never holds a file part in
    memory, but hashes it (SHA-256) as it passes."""

    def __init__(self, boundary: str):
        self.dash = b"--" + boundary.encode("ascii")
        self.delimiter = b"\r\n" + self.dash
        self.buffer = bytearray(b"\r\n")  # as if a CRLF came before the body
        self.state = "start"
        self.parts: List[StreamedPart] = []
        self.error: Optional[str] = None
        self._current: Optional[StreamedPart] = None
        self._hasher: Any = None
        self._kept: Optional[bytearray] = None
        self._epilogue = bytearray()

    def feed(self, data: bytes) -> None:
        if self.error is not None or not data:
            return
        if self.state == "epilogue":
            self._epilogue += data[:8]
            if bytes(self._epilogue) not in (b"", b"\r", b"\r\n") and self.error is None:
                self.error = f"unexpected bytes after the closing delimiter: {bytes(self._epilogue[:40])!r}"
            return
        self.buffer += data
        try:
            self._run(final=False)
        except ValueError as exc:
            self.error = str(exc)

    def close(self) -> None:
        if self.error is not None:
            return
        try:
            self._run(final=True)
            if self.state == "epilogue":
                if bytes(self._epilogue) not in (b"", b"\r\n"):
                    raise ValueError(f"unexpected bytes after the closing delimiter: {bytes(self._epilogue[:40])!r}")
                if not self.parts:
                    raise ValueError("the multipart body has no parts (RFC 2046 requires at least one)")
            elif self.state == "start" and len(self.buffer) <= 2:
                raise ValueError("the multipart body is empty")
            elif self.state == "start":
                raise ValueError("the multipart body does not start with '--' + boundary "
                                 f"(it starts with {bytes(self.buffer[2:42])!r})")
            elif self.state == "body":
                raise ValueError(f"part {len(self.parts) + 1} is not terminated: the body has no further boundary "
                                 "delimiter (the closing '--boundary--' is missing)")
            elif self.state == "headers":
                raise ValueError(f"part {len(self.parts) + 1} has no blank CRLF line between its headers and its "
                                 "content")
            else:
                raise ValueError("the multipart body ends right after a boundary delimiter (the closing "
                                 "'--boundary--' is missing)")
        except ValueError as exc:
            self.error = str(exc)

    def _run(self, final: bool) -> None:
        buffer = self.buffer
        while True:
            if self.state == "start":
                if len(buffer) < len(self.delimiter) + 1 and not final:
                    return
                if not buffer.startswith(self.delimiter):
                    if len(buffer) <= 2:
                        return
                    raise ValueError("the multipart body does not start with '--' + boundary "
                                     f"(it starts with {bytes(buffer[2:42])!r})")
                if buffer[len(self.delimiter):len(self.delimiter) + 1] == b"\n":
                    raise ValueError("the multipart body uses LF-only line endings; RFC 2046 requires CRLF")
                del buffer[:len(self.delimiter)]
                self.state = "after"
            elif self.state == "after":
                if len(buffer) < 2:
                    return
                after = bytes(buffer[:2])
                if after == b"--":
                    rest = bytes(buffer[2:])
                    del buffer[:]
                    self.state = "epilogue"
                    self._epilogue += rest[:8]
                    if bytes(self._epilogue) not in (b"", b"\r", b"\r\n"):
                        raise ValueError(f"unexpected bytes after the closing delimiter: {rest[:40]!r}")
                    return
                if after != b"\r\n":
                    raise ValueError(f"a boundary delimiter is followed by {after!r}, not CRLF or '--' "
                                     "(LF-only line endings or transport padding?)")
                del buffer[:2]
                self.state = "headers"
            elif self.state == "headers":
                if buffer.startswith(b"\r\n"):
                    header_block = b""
                    consumed = 2
                else:
                    end = buffer.find(b"\r\n\r\n")
                    if end < 0:
                        if len(buffer) > MAX_PART_HEADERS:
                            raise ValueError(f"part {len(self.parts) + 1} has headers longer than "
                                             f"{MAX_PART_HEADERS} bytes")
                        if final and self.delimiter in buffer:
                            raise ValueError(f"part {len(self.parts) + 1} has no blank CRLF line between its "
                                             "headers and its content")
                        return
                    header_block = bytes(buffer[:end])
                    consumed = end + 4
                if self.delimiter in header_block:
                    raise ValueError(f"part {len(self.parts) + 1} has no blank CRLF line between its headers "
                                     "and its content")
                part = _parse_part(header_block + b"\r\n\r\n" if header_block else b"\r\n", len(self.parts) + 1)
                del buffer[:consumed]
                self._current = StreamedPart(part.name, part.filename, part.content_type, part.media_type,
                                             dict(part.media_params))
                self._hasher = hashlib.sha256()
                self._kept = bytearray() if part.filename is None else None
                self.state = "body"
            elif self.state == "body":
                end = buffer.find(self.delimiter)
                if end < 0:
                    keep = len(self.delimiter) - 1
                    if len(buffer) > keep:
                        self._emit(memoryview(buffer)[:len(buffer) - keep])
                        del buffer[:len(buffer) - keep]
                    return
                self._emit(memoryview(buffer)[:end])
                del buffer[:end + len(self.delimiter)]
                self._finish_part()
                self.state = "after"
            else:
                return

    def _emit(self, data: memoryview) -> None:
        assert self._current is not None
        self._current.size += len(data)
        self._hasher.update(data)
        if self._kept is not None:
            if len(self._kept) + len(data) > MAX_TEXT_PART:
                raise ValueError(f"part {self._current.name!r} is a text part larger than {MAX_TEXT_PART} bytes")
            self._kept += data

    def _finish_part(self) -> None:
        assert self._current is not None
        self._current.sha256 = self._hasher.hexdigest()
        self._current.body = bytes(self._kept) if self._kept is not None else None
        self.parts.append(self._current)
        self._current = None
        self._kept = None


def parse_multipart_stream(body: bytes, boundary: str, piece: int = 7919) -> List[StreamedPart]:
    """Parses a whole body with ``MultipartStream`` fed in pieces (for tests);
    raises ``ValueError`` like ``validating_server.parse_multipart``."""
    stream = MultipartStream(boundary)
    for start in range(0, len(body), max(1, piece)):
        stream.feed(body[start:start + piece])
    stream.close()
    if stream.error is not None:
        raise ValueError(stream.error)
    return stream.parts


# --------------------------------------------------------------------------
# Request bodies: mapping form fields and parts onto schemas
# --------------------------------------------------------------------------


def _binary_schema(node: Dict[str, Any]) -> bool:
    return ("string" in _types_of(node) or "type" not in node) and (
        node.get("format") == "binary" or node.get("contentEncoding") == "binary"
        or ("contentMediaType" in node and "contentEncoding" not in node))


def field_kind(spec: Spec, pointers: Sequence[str]) -> str:
    """How a property travels in multipart/form-data: ``file``, ``files``
    (repeated file parts), ``file-or-files``, ``json``, ``texts`` (repeated
    text parts) or ``text``."""
    try:
        atoms = Synthesizer(spec, "request")._atoms([(pointer, _NO_MASK) for pointer in pointers])
    except Impossible:
        return "text"
    kinds: Set[str] = set()
    for atom_pointer, node, _mask in atoms:
        if _binary_schema(node):
            return "file"
        for keyword in ("oneOf", "anyOf"):
            members = node.get(keyword)
            if isinstance(members, list):
                for position in range(len(members)):
                    kinds.add(field_kind(spec, [f"{atom_pointer}/{keyword}/{position}"]))
    if kinds:
        if kinds <= {"file"}:
            return "file"
        if kinds <= {"file", "files"}:
            return "file-or-files" if "file" in kinds else "files"
        if "json" in kinds:
            return "json"
        if kinds <= {"texts"}:
            return "texts"
    shape: Set[str] = set()
    for _pointer, node, _mask in atoms:
        shape.update(_types_of(node))
        if "properties" in node:
            shape.add("object")
        if "items" in node:
            shape.add("array")
    if "array" in shape:
        item_pointers = [_pointer_join(pointer, "items") for pointer, node, _mask in atoms
                         if isinstance(node.get("items"), dict)]
        item_kind = field_kind(spec, item_pointers) if item_pointers else "text"
        if item_kind == "file":
            return "files"
        if item_kind == "json":
            return "json"
        return "texts"
    if "object" in shape or kinds & {"json"}:
        return "json"
    return "text"


def object_view(spec: Spec, pointer: str) -> Tuple[Dict[str, List[str]], List[str], bool, List[str]]:
    """The properties (name -> schema pointers), required names and whether
    unknown names are allowed, of an object body schema; plus the pointers of
    its union variants when it is a oneOf/anyOf (each mapped on its own)."""
    properties: Dict[str, List[str]] = {}
    required: List[str] = []
    open_ended = False
    variants: List[str] = []
    atoms = Synthesizer(spec, "request")._atoms([(pointer, _NO_MASK)])
    closed = False
    for atom_pointer, node, _mask in atoms:
        for name in node.get("properties") or {}:
            properties.setdefault(name, []).append(_pointer_join(atom_pointer, "properties", name))
        required += [name for name in node.get("required") or [] if isinstance(name, str) and name not in required]
        extra = node.get("additionalProperties")
        if extra is False:
            closed = True
        elif extra is True or isinstance(extra, dict) and extra:
            open_ended = True
        for keyword in ("oneOf", "anyOf"):
            for position, _member in enumerate(node.get(keyword) or []):
                variants.append(f"{atom_pointer}/{keyword}/{position}")
    return properties, required, open_ended and not closed, variants


def _media_allows(encoding_type: Optional[str], given: Optional[str]) -> bool:
    if not encoding_type:
        return True
    if given is None:
        return False
    essence = _media_essence(given)
    for option in encoding_type.split(","):
        option = _media_essence(option)
        if option in ("*/*", essence) or (option.endswith("/*") and essence.startswith(option[:-1])):
            return True
    return False


def _array_bounds(spec: Spec, pointers: Sequence[str]) -> Tuple[int, Optional[int]]:
    low, high = 0, None
    try:
        atoms = Synthesizer(spec, "request")._atoms([(pointer, _NO_MASK) for pointer in pointers])
    except Impossible:
        return low, high
    for _pointer, node, _mask in atoms:
        if isinstance(node.get("minItems"), int):
            low = max(low, node["minItems"])
        if isinstance(node.get("maxItems"), int):
            high = node["maxItems"] if high is None else min(high, node["maxItems"])
    return low, high


def validate_parts(spec: Spec, schema_pointer: str, parts: List[StreamedPart], encoding: Dict[str, Any]
                   ) -> Tuple[List[str], Dict[str, Any]]:
    """Maps multipart parts onto the body schema; returns the problems and a
    summary of the values (text and JSON values, file names)."""
    properties, required, open_ended, variants = object_view(spec, schema_pointer)
    if variants and not properties:
        first: Optional[Tuple[List[str], Dict[str, Any]]] = None
        for variant in variants:
            outcome = validate_parts(spec, variant, parts, encoding)
            if not outcome[0]:
                return outcome
            first = first or outcome
        assert first is not None
        return ["body: no variant of the oneOf/anyOf body accepts the parts; the first says: " + first[0][0]]\
            + first[0][1:], first[1]
    errors: List[str] = []
    values: Dict[str, Any] = {}
    grouped: Dict[str, List[StreamedPart]] = {}
    for part in parts:
        name = part.name
        if name not in properties and name.endswith("[]") and name[:-2] in properties:
            name = name[:-2]
        grouped.setdefault(name, []).append(part)
    for name, group in grouped.items():
        where = f"part {name!r}"
        if name not in properties and name not in required:
            if not open_ended:
                errors.append(f"{where}: unknown field (the schema's properties are: {', '.join(properties)})")
            continue
        pointers = properties.get(name, [])
        kind = field_kind(spec, pointers) if pointers else "text"
        encoding_type = (encoding.get(name) or {}).get("contentType") if isinstance(encoding.get(name), dict) else None
        if kind in ("file", "text", "json") and len(group) > 1 and not (kind == "json"
                                                                           and "array" in schema_shape(spec, pointers[0])):
            errors.append(f"{where}: sent {len(group)} times, but it is a single {kind} field")
            continue
        if kind in ("file", "files", "file-or-files"):
            for position, part in enumerate(group):
                label = where if len(group) == 1 else f"{where} #{position + 1}"
                if part.filename is None:
                    errors.append(f"{label}: is a binary field but was sent as a text part without a filename")
                elif part.filename == "":
                    errors.append(f"{label}: the filename parameter is empty")
                if part.content_type is None:
                    errors.append(f"{label}: a file part needs a Content-Type header")
                elif not _media_allows(encoding_type, part.content_type):
                    errors.append(f"{label}: Content-Type {part.content_type!r} is not one of {encoding_type!r}")
            if kind == "files":
                low, high = _array_bounds(spec, pointers)
                if len(group) < low or (high is not None and len(group) > high):
                    errors.append(f"{where}: {len(group)} files sent; the schema allows {low} to "
                                  f"{'any number' if high is None else high}")
            values[name] = [part.filename for part in group] if len(group) > 1 else group[0].filename
            continue
        problems = [f"{where}: is a {kind} field but was sent as a file part (filename={part.filename!r})"
                    for part in group if part.filename is not None]
        if problems:
            errors.extend(problems)
            continue
        if kind == "json":
            decoded: List[Any] = []
            for part in group:
                if encoding_type is None and part.media_type != "application/json":
                    errors.append(f"{where}: a JSON field must be sent with Content-Type: application/json "
                                  f"(got {part.content_type!r})")
                    continue
                if encoding_type is not None and not _media_allows(encoding_type, part.content_type):
                    errors.append(f"{where}: Content-Type {part.content_type!r} is not one of {encoding_type!r}")
                    continue
                try:
                    decoded.append(_strict_json_loads(part.body or b"", where))
                except ValueError as exc:
                    errors.append(str(exc))
            if len(decoded) != len(group):
                continue
            value: Any = decoded if len(group) > 1 else decoded[0]
            for pointer in pointers:
                errors.extend(spec.errors(pointer, value, where))
            values[name] = value
            continue
        texts: List[str] = []
        for part in group:
            if part.media_type not in (None, "text/plain") and not (
                    encoding_type and _media_allows(encoding_type, part.content_type)):
                errors.append(f"{where}: a text field must be sent without a Content-Type or as text/plain "
                              f"(got {part.content_type!r})")
                continue
            charset = part.media_params.get("charset")
            if charset is not None and charset.lower() not in ("utf-8", "us-ascii"):
                errors.append(f"{where}: charset {charset!r}; text must be UTF-8")
                continue
            try:
                texts.append((part.body or b"").decode("utf-8"))
            except UnicodeDecodeError:
                errors.append(f"{where}: the text is not valid UTF-8")
        if len(texts) != len(group):
            continue
        raw: Any = texts if kind == "texts" else texts[0]
        value = coerce(spec, [(pointer, _NO_MASK) for pointer in pointers], raw)
        for pointer in pointers:
            errors.extend(spec.errors(pointer, value, where))
        values[name] = value
    for name in required:
        if name not in grouped:
            errors.append(f"part {name!r}: required but missing")
    return errors, values


def parse_form(text: str) -> Tuple[Dict[str, Any], List[str]]:
    """An application/x-www-form-urlencoded body as a tree: ``a[b][c]=v``
    nests, ``a[]=v`` appends, ``a[0]=v`` indexes, a repeated ``a=v`` lists."""
    tree: Dict[str, Any] = {}
    problems: List[str] = []
    for key, value in _split_query(text, plus_is_space=True):
        base, tokens = _parse_brackets(key)
        if base in tree and not tokens and not isinstance(tree[base], (str, list)):
            problems.append(f"body field {key!r}: mixes a value with nested keys")
            continue
        problem = _insert_path(tree, [base] + tokens, value)
        if problem:
            problems.append(f"body field {key!r}: {problem}")
    return tree, problems


def validate_form(spec: Spec, schema_pointer: str, text: str) -> Tuple[List[str], Dict[str, Any]]:
    """Validates a form body: nested keys mapped back onto the schema, values
    converted by it; unknown top-level fields are rejected."""
    tree, errors = parse_form(text)
    names, open_ended = object_property_names(spec, schema_pointer)
    if not open_ended:
        for key in tree:
            if key not in names:
                errors.append(f"body field {key!r}: unknown field (known: {_clip(', '.join(names), 300) or 'none'})")
    value = coerce(spec, [(schema_pointer, _NO_MASK)], tree)
    if not errors:
        errors.extend(spec.errors(schema_pointer, value, "body"))
    return errors, value if isinstance(value, dict) else {"value": value}


# --------------------------------------------------------------------------
# Choosing the response
# --------------------------------------------------------------------------


@dataclass
class ResponseChoice:
    status: int
    key: Optional[str]             # the documented key: "200", "2XX", "default" (None: nothing documented)
    pointer: Optional[str]         # of the (resolved) response object
    response: Dict[str, Any]


def choose_response(spec: Spec, operation: OperationInfo, oracle: Optional[str]) -> ResponseChoice:
    """The documented response to answer with: the lowest documented 2xx
    (``2XX`` counting as 200, then ``default`` as 200), or the one
    ``X-Oracle-Status`` names (exact code, then its ``NXX`` range, then
    ``default``)."""
    responses = operation.document.get("responses") if isinstance(operation.document.get("responses"), dict) else {}
    keys = list(responses)

    def pick(status: int, key: str) -> ResponseChoice:
        pointer, response = spec.resolve(_pointer_join(operation.pointer, "responses", key))
        return ResponseChoice(status, key, pointer, response if isinstance(response, dict) else {})

    def range_key(status: int) -> Optional[str]:
        for key in keys:
            if key.upper() == f"{status // 100}XX":
                return key
        return None

    if oracle is not None:
        text = oracle.strip()
        if not re.fullmatch(r"[1-5][0-9][0-9]", text) or int(text) < 200:
            raise RequestRejected(400, [f"header {ORACLE_HEADER!r}: {text!r} is not a status code from 200 to 599"])
        status = int(text)
        if text in keys:
            return pick(status, text)
        ranged = range_key(status)
        if ranged is not None:
            return pick(status, ranged)
        if "default" in keys:
            return pick(status, "default")
        raise RequestRejected(400, [f"header {ORACLE_HEADER!r}: status {status} is not documented by "
                                    f"{operation.operation_id} (documented: {', '.join(keys) or 'none'})"])
    explicit = sorted(int(key) for key in keys if key.isdigit() and 200 <= int(key) < 300)
    if explicit:
        return pick(explicit[0], str(explicit[0]))
    ranged = range_key(200)
    if ranged is not None:
        return pick(200, ranged)
    if "default" in keys:
        return pick(200, "default")
    redirects = sorted(int(key) for key in keys if key.isdigit() and 300 <= int(key) < 400)
    if redirects:
        return pick(redirects[0], str(redirects[0]))
    return ResponseChoice(200, None, None, {})


def parse_accept(value: Optional[str]) -> Optional[List[Tuple[str, float]]]:
    """``Accept`` as (range, q) pairs; ``None`` when absent or empty."""
    if value is None or not value.strip():
        return None
    ranges: List[Tuple[str, float]] = []
    for piece in value.split(","):
        piece = piece.strip()
        if not piece:
            continue
        media, *params = [part.strip() for part in piece.split(";")]
        quality = 1.0
        for param in params:
            name, _, param_value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(param_value)))
                except ValueError:
                    quality = 1.0
        ranges.append((media.lower(), quality))
    return ranges or None


def _accept_quality(ranges: List[Tuple[str, float]], media_type: str) -> Tuple[float, int]:
    """The q of ``media_type`` under ``ranges`` (the most specific range
    wins) and how specific that range was (2 exact, 1 type/*, 0 */*)."""
    essence = _media_essence(media_type)
    major = essence.split("/", 1)[0]
    best: Tuple[int, float] = (-1, 0.0)
    for media, quality in ranges:
        if media == essence or (essence.endswith("/*") and media.startswith(essence[:-1])) or essence == "*/*":
            specificity = 2
        elif media == f"{major}/*":
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[0]:
            best = (specificity, quality)
    return (best[1], best[0]) if best[0] >= 0 else (0.0, -1)


def choose_media_type(content: Dict[str, Any], accept: Optional[str], wants_stream: bool) -> Optional[str]:
    """The documented media type to answer with, by ``Accept`` (q-values
    honoured; none or ``*/*``: the first documented); a streaming type only
    when the request asked for a stream (``"stream": true``) or named it.
    ``None`` when nothing documented is acceptable (406)."""
    documented = list(content)
    if not documented:
        return None
    ranges = parse_accept(accept)
    scored: List[Tuple[Tuple[float, int, int, int], str]] = []
    for position, media_type in enumerate(documented):
        if ranges is None:
            quality, specificity = 1.0, 0
        else:
            quality, specificity = _accept_quality(ranges, media_type)
        if quality <= 0:
            continue
        streaming = _media_essence(media_type) in STREAM_MEDIA_TYPES
        preference = 1 if streaming == wants_stream else 0
        if streaming and not wants_stream and specificity < 2:
            preference = -1  # an event stream only when asked for
        scored.append(((-quality, -preference, -specificity, position), media_type))
    if not scored:
        return None
    scored.sort()
    return scored[0][1]


# --------------------------------------------------------------------------
# Pagination
# --------------------------------------------------------------------------

ITEM_ARRAY_NAMES = ("data", "items", "entries", "results", "records", "values", "elements", "list")
NEXT_ID_PARAMS = ("starting_after", "after", "after_id")
PREV_ID_PARAMS = ("ending_before", "before", "before_id")
LIMIT_PARAMS = ("limit", "page_size", "pageSize", "per_page", "perPage", "PageSize", "size", "max_results",
                "maxResults")
TOKEN_FIELDS = ("next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken",
                "next_marker", "nextMarker", "next_page_cursor", "continuation_token", "continuationToken", "cursor")
TOKEN_PARAMS = ("cursor", "page_token", "pageToken", "PageToken", "marker", "next_token", "nextToken",
                "continuation_token", "continuationToken", "token", "page_cursor")
URL_FIELDS = ("next_page_uri", "next_page_url", "next_url", "nextLink", "next_link", "next")
ID_PROPERTIES = ("id", "sid", "uuid", "key", "name")


@dataclass
class Pagination:
    mode: str                       # "id", "token", "url" or "link"
    items_property: Optional[str]   # None when the body is the array itself
    item_pointer: str
    id_property: Optional[str]
    id_pointer: Optional[str]
    next_param: Optional[str] = None
    prev_param: Optional[str] = None
    limit_param: Optional[str] = None
    field: Optional[str] = None     # the cursor / URL field of the body
    page_param: Optional[str] = None
    id_prefix: str = "item"


def _property_pointer(spec: Spec, pointer: str, prop: str) -> Optional[str]:
    try:
        atoms = Synthesizer(spec)._atoms([(pointer, _NO_MASK)])
    except Impossible:
        return None
    for atom_pointer, node, _mask in atoms:
        if isinstance(node.get("properties"), dict) and prop in node["properties"]:
            return _pointer_join(atom_pointer, "properties", prop)
    return None


def _items_pointer(spec: Spec, pointer: str) -> Optional[str]:
    try:
        atoms = Synthesizer(spec)._atoms([(pointer, _NO_MASK)])
    except Impossible:
        return None
    for atom_pointer, node, _mask in atoms:
        if "array" in _types_of(node) and isinstance(node.get("items"), dict):
            return _pointer_join(atom_pointer, "items")
    return None


def detect_pagination(spec: Spec, operation: OperationInfo, schema_pointer: str,
                      response: Dict[str, Any]) -> Optional[Pagination]:
    """Recognises list operations (see the README): Stripe-style id cursors
    (``has_more`` + ``starting_after``/``after``/``after_id``), token cursors
    (``next_cursor``-like field + ``cursor``-like parameter), next-URL fields,
    and ``Link`` headers."""
    cache_key = ("pagination", operation.index, schema_pointer)
    if cache_key in spec.cache:
        return spec.cache[cache_key]
    result: Optional[Pagination] = None
    query = [parameter.name for parameter in spec.parameters(operation) if parameter.location == "query"]
    limit_param = next((name for name in LIMIT_PARAMS if name in query), None)
    shape = schema_shape(spec, schema_pointer)
    items_property: Optional[str] = None
    item_pointer: Optional[str] = None
    properties: List[str] = []
    if "array" in shape and "object" not in shape:
        item_pointer = _items_pointer(spec, schema_pointer)
    elif "object" in shape:
        properties, _open = object_property_names(spec, schema_pointer)
        ordered = [name for name in ITEM_ARRAY_NAMES if name in properties] + \
                  [name for name in properties if name not in ITEM_ARRAY_NAMES]
        for name in ordered:
            prop_pointer = _property_pointer(spec, schema_pointer, name)
            if prop_pointer is None or "array" not in schema_shape(spec, prop_pointer):
                continue
            candidate = _items_pointer(spec, prop_pointer)
            if candidate is not None:
                items_property, item_pointer = name, candidate
                break
    has_link = any(name.lower() == "link" for name in (response.get("headers") or {}))
    if item_pointer is not None:
        next_param = next((name for name in NEXT_ID_PARAMS if name in query), None)
        token_param = next((name for name in TOKEN_PARAMS if name in query), None)
        token_field = next((name for name in TOKEN_FIELDS if name in properties), None)
        url_field = next((name for name in URL_FIELDS if name in properties), None)
        if items_property is not None and "has_more" in properties and next_param is not None:
            result = Pagination("id", items_property, item_pointer, None, None, next_param=next_param,
                                prev_param=next((name for name in PREV_ID_PARAMS if name in query), None),
                                limit_param=limit_param)
        elif items_property is not None and token_field is not None and (token_param or next_param):
            result = Pagination("token", items_property, item_pointer, None, None,
                                next_param=token_param or next_param, limit_param=limit_param, field=token_field)
        elif items_property is not None and url_field is not None and (token_param or "Page" in query
                                                                         or "page" in query):
            result = Pagination("url", items_property, item_pointer, None, None,
                                next_param=token_param or ("Page" if "Page" in query else "page"),
                                limit_param=limit_param, field=url_field)
        elif has_link and ("page" in query or token_param or next_param):
            result = Pagination("link", items_property, item_pointer, None, None,
                                next_param=token_param or next_param, limit_param=limit_param,
                                page_param="page" if "page" in query else None)
    if result is not None:
        item_properties, _open = object_property_names(spec, result.item_pointer)
        result.id_property = next((name for name in ID_PROPERTIES if name in item_properties), None)
        if result.id_property is not None:
            result.id_pointer = _property_pointer(spec, result.item_pointer, result.id_property)
        if "object" in item_properties:
            constant = Synthesizer(spec).property_constant(result.item_pointer, "object")
            if constant:
                result.id_prefix = re.sub(r"[^A-Za-z0-9]+", "_", constant)
        if result.mode in ("id",) and result.id_property is None:
            result = None
    spec.cache[cache_key] = result
    return result


class ItemIds:
    """The identifiers of a paginated collection: ``<prefix>_0001``, ... (or
    1, 2, ... for integer ids, or values synthesized with the item index
    where the id schema has a pattern or format those do not fit), and the
    way back from an id to its position."""

    def __init__(self, spec: Spec, pagination: Pagination, total: int):
        self.spec = spec
        self.pagination = pagination
        self.total = total
        self._synthesized: Dict[int, Any] = {}
        self._positions: Dict[str, int] = {}
        shape = schema_shape(spec, pagination.id_pointer) if pagination.id_pointer else {"string"}
        self.kind = "integer" if "integer" in shape and "string" not in shape else "prefix"
        if pagination.id_pointer is not None and total:
            if not all(spec.is_valid(pagination.id_pointer, self._simple(position)) for position in {0, total - 1}):
                self.kind = "synthesized"

    def _simple(self, position: int) -> Any:
        if self.kind == "integer":
            return position + 1
        return f"{self.pagination.id_prefix}_{position + 1:04d}"

    def __getitem__(self, position: int) -> Any:
        if self.kind != "synthesized":
            return self._simple(position)
        if position not in self._synthesized:
            value = Synthesizer(self.spec, "response").generate(self.pagination.id_pointer or "#", index=position + 1,
                                                               name=self.pagination.id_property or "id")
            self._synthesized[position] = value
            self._positions[str(value)] = position
        return self._synthesized[position]

    def position(self, value: Any) -> Optional[int]:
        text = str(value)
        if self.kind == "integer":
            return int(text) - 1 if text.isdigit() and 1 <= int(text) <= self.total else None
        if self.kind == "prefix":
            found = re.fullmatch(re.escape(self.pagination.id_prefix) + r"_([0-9]+)", text)
            number = int(found.group(1)) if found else 0
            return number - 1 if 1 <= number <= self.total and self._simple(number - 1) == text else None
        for position in range(self.total):
            if str(self[position]) == text:
                return position
        return None


# --------------------------------------------------------------------------
# Event streams
# --------------------------------------------------------------------------


@dataclass
class StreamPlan:
    fmt: str                                  # sse, jsonl, ndjson, json-seq
    content_type: str
    events: List[Tuple[Optional[str], str]]   # (event name, data text); a cycle when forever
    done: bool
    full_framing: bool
    line_end: str
    fail_after: Optional[int]
    delay_ms: int
    forever: bool


def stream_schema_pointer(spec: Spec, operation: OperationInfo, choice: ResponseChoice,
                          media_type: Optional[str]) -> Optional[str]:
    """The schema of one stream event: the streaming media type's
    ``itemSchema`` (OpenAPI 3.2), or the ``x-line-schema`` of its schema
    (Stainless, Anthropic's batch results), or its ``schema``; else a component named after the JSON response
    schema with ``StreamEvent`` / ``StreamResponse`` / ``Chunk`` appended
    (Anthropic: ``Message`` -> ``MessageStreamEvent``); else the JSON
    response schema itself."""
    content = choice.response.get("content") or {}
    if media_type is not None and isinstance(content.get(media_type), dict):
        media_pointer = _pointer_join(choice.pointer or "#", "content", media_type)
        if "itemSchema" in content[media_type]:
            return _pointer_join(media_pointer, "itemSchema")
        if "schema" in content[media_type]:
            schema_pointer, schema = spec.resolve(_pointer_join(media_pointer, "schema"))
            if isinstance(schema, dict) and isinstance(schema.get("x-line-schema"), dict):
                return _pointer_join(schema_pointer, "x-line-schema")  # Stainless: the schema of one line
            return _pointer_join(media_pointer, "schema")
    json_type = next((key for key in content if _is_json_media(key)), None)
    if json_type is None or not isinstance(content[json_type], dict) or "schema" not in content[json_type]:
        return None
    schema = content[json_type]["schema"]
    schemas = (spec.document.get("components") or {}).get("schemas") or {}
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) \
            and schema["$ref"].startswith("#/components/schemas/"):
        name = schema["$ref"].rsplit("/", 1)[-1]
        for suffix in ("StreamEvent", "StreamResponse", "StreamChunk", "Chunk"):
            if name + suffix in schemas:
                return _pointer_join("#/components/schemas", name + suffix)
    return _pointer_join(choice.pointer or "#", "content", json_type, "schema")


def stream_stand_in(spec: Spec, choice: ResponseChoice) -> Optional[str]:
    """The ``<Name>StreamEvent`` component used when a request asks for a
    stream but the response documents no streaming media type."""
    content = choice.response.get("content") or {}
    json_type = next((key for key in content if _is_json_media(key)), None)
    if json_type is None or not isinstance(content[json_type], dict):
        return None
    schema = content[json_type].get("schema")
    schemas = (spec.document.get("components") or {}).get("schemas") or {}
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) \
            and schema["$ref"].startswith("#/components/schemas/"):
        name = schema["$ref"].rsplit("/", 1)[-1]
        for suffix in ("StreamEvent", "StreamResponse"):
            if name + suffix in schemas:
                return _pointer_join("#/components/schemas", name + suffix)
    return None


def _descriptions(spec: Spec, pointer: str, depth: int = 0) -> List[str]:
    """The descriptions in the schema at ``pointer``: its own, its union
    members' and its properties' (two levels deep, ``$ref``s followed)."""
    if depth > 2:
        return []
    texts: List[str] = []
    try:
        atoms = Synthesizer(spec)._atoms([(pointer, _NO_MASK)])
        raw = spec.node(pointer)
    except (Impossible, KeyError, IndexError, TypeError, ValueError):
        return texts
    if isinstance(raw, dict):
        texts.append(str(raw.get("description", "")))
    for atom_pointer, node, _mask in atoms:
        texts.append(str(node.get("description", "")))
        for keyword in ("anyOf", "oneOf"):
            for position, _member in enumerate(node.get(keyword) or []):
                texts += _descriptions(spec, f"{atom_pointer}/{keyword}/{position}", depth + 1)
        for name in node.get("properties") or {}:
            texts += _descriptions(spec, _pointer_join(atom_pointer, "properties", name), depth + 1)
    return texts


def uses_done_sentinel(spec: Spec, operation: OperationInfo, choice: ResponseChoice, media_type: Optional[str]
                       ) -> bool:
    """Whether the API ends its event streams with ``data: [DONE]``: the spec
    says so in the operation's description, the streaming media type's, or
    the descriptions of the request body's ``stream`` and ``stream_options``
    properties (OpenAI: ``include_usage`` "...streamed before the data:
    [DONE] message")."""
    key = ("done-sentinel", operation.index, choice.key, media_type)
    if key in spec.cache:
        return spec.cache[key]
    texts = [str(operation.document.get("description", "")), str(operation.document.get("summary", ""))]
    content = choice.response.get("content") or {}
    if media_type and isinstance(content.get(media_type), dict):
        texts.append(str(content[media_type].get("description", "")))
    body_pointer, body = spec.request_body(operation)
    for media, definition in ((body or {}).get("content") or {}).items():
        if not isinstance(definition, dict) or "schema" not in definition:
            continue
        for name in ("stream", "stream_options"):
            prop = _property_pointer(spec, _pointer_join(body_pointer, "content", media, "schema"), name)
            if prop is not None:
                texts += _descriptions(spec, prop)
    result = any("[DONE]" in text for text in texts)
    spec.cache[key] = result
    return result


def stream_events(spec: Spec, schema_pointer: Optional[str], count: int) -> List[Tuple[Optional[str], str]]:
    """``count`` events synthesized from the event schema. A union schema
    (oneOf/anyOf) cycles through its variants, and each event is named by
    its discriminator property (``type`` when there is no discriminator)."""
    if schema_pointer is None:
        return [(None, json.dumps(f"event {position + 1}")) for position in range(count)]
    _pointer, node = spec.resolve(schema_pointer)
    union_keyword = next((keyword for keyword in ("oneOf", "anyOf")
                          if isinstance(node, dict) and isinstance(node.get(keyword), list) and node[keyword]), None)
    variants = len(node[union_keyword]) if union_keyword else 0
    prop: Optional[str] = None
    if union_keyword:
        discriminator = node.get("discriminator") if isinstance(node.get("discriminator"), dict) else {}
        prop = discriminator.get("propertyName") if isinstance(discriminator.get("propertyName"), str) else "type"
    events: List[Tuple[Optional[str], str]] = []
    next_variant = 0
    failures: List[str] = []
    while len(events) < count:
        value: Any = _MISSING
        if union_keyword:
            for _attempt in range(variants):
                variant = next_variant % variants
                next_variant += 1
                try:
                    value = synthesize(spec, schema_pointer, variant=variant, index=len(events),
                                       what=f"event {len(events) + 1}")
                    break
                except SynthesisError as exc:
                    failures.append(str(exc))
            if value is _MISSING:
                raise SynthesisError("no variant of the event schema can be synthesized: " + "; ".join(failures[:3]))
        else:
            value = synthesize(spec, schema_pointer, index=len(events), what=f"event {len(events) + 1}")
        name = None
        if prop and isinstance(value, dict) and isinstance(value.get(prop), str):
            name = value[prop]
        events.append((name, json.dumps(value, ensure_ascii=False, separators=(",", ":"))))
    return events


def sse_blocks(plan: StreamPlan, event_numbers: Iterable[int]) -> Iterator[bytes]:
    """The framed records of a stream, one per yielded piece (each is sent
    as one chunk and flushed). Event ``n`` uses template ``n % len``."""
    end = plan.line_end
    if plan.fmt != "sse":
        for number in event_numbers:
            _name, data = plan.events[number % len(plan.events)]
            yield (("\x1e" if plan.fmt == "json-seq" else "") + data + "\n").encode("utf-8")
        return
    split_at: Optional[int] = None
    if plan.full_framing:
        yield f": keep-alive{end}retry: 1000{end}{end}".encode("utf-8")
        candidates = [index for index, (_name, data) in enumerate(plan.events) if data[:1] in "{["]
        split_at = (1 if 1 in candidates else (candidates[0] if candidates else None))
    for number in event_numbers:
        name, data = plan.events[number % len(plan.events)]
        lines: List[str] = []
        if plan.full_framing:
            lines.append(f"id: {number + 1}")
        if name:
            lines.append(f"event: {name}")
        if split_at is not None and number == split_at:
            lines += [f"data: {data[:1]}", f"data: {data[1:]}"]
        else:
            lines.append(f"data: {data}")
        block = end.join(lines) + end + end
        if plan.full_framing and number == 0:
            block += f": keep-alive{end}{end}"
        yield block.encode("utf-8")


# --------------------------------------------------------------------------
# Response bodies and headers
# --------------------------------------------------------------------------


def _is_binary_media(media_type: str, schema: Any) -> bool:
    essence = _media_essence(media_type)
    if isinstance(schema, dict) and _binary_schema(schema):
        return True
    if _is_json_media(essence) or _is_text_media(essence) or essence in STREAM_MEDIA_TYPES:
        return False
    if essence in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return False
    return True


def _header_text(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = ",".join(_header_text(item) for item in value)
    elif isinstance(value, dict):
        text = ",".join(f"{key},{_header_text(item)}" for key, item in value.items())
    elif value is None:
        text = ""
    else:
        text = str(value)
    return re.sub(r"[\r\n]+", " ", text)


def _to_xml(value: Any, name: str) -> str:
    tag = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "item"
    if isinstance(value, dict):
        inner = "".join(_to_xml(item, key) for key, item in value.items())
        return f"<{tag}>{inner}</{tag}>"
    if isinstance(value, list):
        return "".join(_to_xml(item, tag) for item in value)
    if value is None:
        return f"<{tag}/>"
    text = _header_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{tag}>{text}</{tag}>"


def media_example(spec: Spec, media_pointer: str, media: Dict[str, Any]) -> Any:
    """The media type's ``example`` or first ``examples`` value that is valid
    against its schema (``_MISSING`` when there is none)."""
    candidates: List[Any] = []
    if "example" in media:
        candidates.append(media["example"])
    examples = media.get("examples")
    if isinstance(examples, dict):
        for key in examples:
            try:
                _p, example = spec.resolve(_pointer_join(media_pointer, "examples", key))
            except Impossible:
                continue
            if isinstance(example, dict) and "value" in example:
                candidates.append(example["value"])
    for candidate in candidates:
        if "schema" not in media or spec.is_valid(_pointer_join(media_pointer, "schema"), candidate):
            return copy.deepcopy(candidate)
    return _MISSING


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


@dataclass
class MockOptions:
    """The ``X-Mock-*`` request headers, parsed."""

    events: int = DEFAULT_EVENTS
    full_framing: bool = False
    line_end: str = "\n"
    done: Optional[bool] = None
    stream_format: Optional[str] = None
    fail_after: Optional[int] = None
    delay_ms: int = 0
    forever: bool = False
    total_items: int = DEFAULT_TOTAL_ITEMS
    body_size: Optional[int] = None


def parse_mock_headers(incoming: Incoming) -> MockOptions:
    options = MockOptions()
    problems: List[str] = []
    known = {name.lower() for name in MOCK_HEADERS}

    def number(name: str, low: int, high: int) -> Optional[int]:
        value = incoming.header(name)
        if value is None:
            return None
        if not value.strip().isdigit() or not low <= int(value.strip()) <= high:
            problems.append(f"header {name!r}: {value!r} is not a whole number from {low} to {high}")
            return None
        return int(value.strip())

    for key, _value in incoming.headers:
        if key.lower().startswith("x-mock-") and key.lower() not in known:
            problems.append(f"header {key!r}: unknown mock header (known: {', '.join(MOCK_HEADERS)})")
    events = number("X-Mock-Events", 0, MAX_EVENTS)
    if events is not None:
        options.events = events
    framing = incoming.header("X-Mock-SSE-Framing")
    if framing is not None:
        if framing.strip().lower() not in ("full", "minimal"):
            problems.append(f"header 'X-Mock-SSE-Framing': {framing!r} is not full or minimal")
        options.full_framing = framing.strip().lower() == "full"
    line_end = incoming.header("X-Mock-SSE-Line-End")
    if line_end is not None:
        ends = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
        if line_end.strip().lower() not in ends:
            problems.append(f"header 'X-Mock-SSE-Line-End': {line_end!r} is not lf, crlf or cr")
        else:
            options.line_end = ends[line_end.strip().lower()]
    done = incoming.header("X-Mock-SSE-Done")
    if done is not None:
        if done.strip() not in ("0", "1"):
            problems.append(f"header 'X-Mock-SSE-Done': {done!r} is not 0 or 1")
        options.done = done.strip() == "1"
    stream_format = incoming.header("X-Mock-Stream-Format")
    if stream_format is not None:
        if stream_format.strip().lower() not in FORCED_STREAM_FORMATS:
            problems.append(f"header 'X-Mock-Stream-Format': {stream_format!r} is not one of "
                            f"{', '.join(FORCED_STREAM_FORMATS)}")
        else:
            options.stream_format = stream_format.strip().lower()
    options.fail_after = number("X-Mock-Stream-Fail-After", 0, MAX_EVENTS)
    delay = number("X-Mock-Stream-Delay-Ms", 0, MAX_DELAY_MS)
    if delay is not None:
        options.delay_ms = delay
    forever = incoming.header("X-Mock-Stream-Forever")
    if forever is not None:
        if forever.strip().lower() not in ("0", "1", "true", "false"):
            problems.append(f"header 'X-Mock-Stream-Forever': {forever!r} is not 1 or 0")
        options.forever = forever.strip().lower() in ("1", "true")
    total = number("X-Mock-Total-Items", 0, MAX_TOTAL_ITEMS)
    if total is not None:
        options.total_items = total
    options.body_size = number("X-Mock-Body-Size", 0, MAX_BODY_SIZE)
    if problems:
        raise RequestRejected(400, problems)
    return options


@dataclass
class Reply:
    """What to send: a plain body, N pattern bytes, or a stream."""

    status: int
    headers: List[Tuple[str, str]] = field(default_factory=list)
    content_type: Optional[str] = None
    body: bytes = b""
    binary_size: Optional[int] = None
    stream: Optional[StreamPlan] = None
    close: bool = False


class ConformanceServer(ThreadingHTTPServer):
    """The server and its state (specs, the introspection records)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, port: int, specs: Dict[str, Spec], log: Callable[[str], None]):
        self.specs = specs
        self.log_line = log
        self.stop_event = threading.Event()
        self.last_activity = time.monotonic()
        self.state_lock = threading.Lock()
        self.last_request: Optional[Dict[str, Any]] = None
        self.requests: List[Dict[str, Any]] = []
        self.request_count = 0
        self.streams: List[Dict[str, Any]] = []
        self.stream_count = 0
        super().__init__(("127.0.0.1", port), ConformanceHandler)

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def remember(self, summary: Dict[str, Any], description: Optional[Dict[str, Any]]) -> None:
        with self.state_lock:
            self.request_count += 1
            self.requests.append(summary)
            del self.requests[:-MAX_REMEMBERED]
            if description is not None:
                self.last_request = description

    def new_stream(self, record: Dict[str, Any]) -> Dict[str, Any]:
        with self.state_lock:
            self.stream_count += 1
            record["id"] = self.stream_count
            self.streams.append(record)
            del self.streams[:-MAX_REMEMBERED]
        return record

    def reset(self) -> None:
        with self.state_lock:
            self.last_request = None
            self.requests = []
            self.request_count = 0
            self.streams = [record for record in self.streams if record.get("state") == "streaming"]


@dataclass
class Exchange:
    """One request as it is worked on, for the answer and the records."""

    incoming: Incoming
    spec: Optional[Spec] = None
    match: Optional[Match] = None
    security: Optional[SecurityOutcome] = None
    parameters: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    framing: str = "none"
    body_size: int = 0
    body_sha256: str = hashlib.sha256(b"").hexdigest()
    body_consumed: bool = False
    content_type: Optional[str] = None
    json_body: Any = _MISSING
    form_body: Optional[Dict[str, Any]] = None
    parts: Optional[List[StreamedPart]] = None
    text_body: Optional[str] = None
    status: Optional[int] = None
    media_type: Optional[str] = None
    response_key: Optional[str] = None
    pagination: Optional[Dict[str, Any]] = None
    stream_id: Optional[int] = None
    credentials: List[str] = field(default_factory=list)
    accepted: bool = False


class ConformanceHandler(BaseHTTPRequestHandler):
    """Reads, validates and answers one HTTP/1.1 request at a time."""

    protocol_version = "HTTP/1.1"
    server_version = "ConformanceServer/1.0"
    sys_version = ""
    timeout = 120
    server: ConformanceServer

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = do_QUERY = do_GET

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        self.server.log_line(self._redact(f"{self.address_string()} {format % args}"))

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        """Replaced by the one line ``_handle`` logs per request."""

    # ----- redaction -----------------------------------------------------

    def _credential_headers(self) -> Set[str]:
        names = set(CREDENTIAL_HEADERS)
        exchange = getattr(self, "_exchange", None)
        spec = exchange.spec if exchange is not None else None
        if spec is not None and spec.loaded:
            for scheme in spec.security_schemes().values():
                if scheme.get("type") == "apiKey" and str(scheme.get("in")).lower() == "header":
                    names.add(str(scheme.get("name", "")).lower())
        return names

    def _secrets(self) -> List[str]:
        secrets: List[str] = []
        exchange = getattr(self, "_exchange", None)
        if exchange is not None:
            secrets += exchange.credentials
        if self.headers is not None:
            names = self._credential_headers()
            for key, value in self.headers.items():
                if key.lower() in names and key.lower() != "cookie":
                    secrets.append(value)
                    secrets.append(value.partition(" ")[2])
        return sorted({secret for secret in secrets if len(secret) >= 4}, key=len, reverse=True)

    def _redact(self, text: str) -> str:
        for secret in self._secrets():
            text = text.replace(secret, REDACTED)
        return text

    # ----- the request ---------------------------------------------------

    def _handle(self) -> None:
        started = time.monotonic()
        self.server.touch()
        raw_path, _, query = self.path.partition("?")
        if raw_path.startswith(("http://", "https://")):
            raw_path = urlsplit(raw_path).path or "/"
        self._exchange = Exchange(Incoming(self.command, raw_path, query, list(self.headers.items())))
        outcome = "?"
        try:
            try:
                reply = self._route()
            except RequestRejected as rejected:
                reply = self._rejection(rejected)
            except SynthesisError as exc:
                reply = self._rejection(RequestRejected(500, [f"the mock could not synthesize a valid value: {exc}"]))
            except Exception as exc:  # a bug here must not hang the client
                reply = self._rejection(RequestRejected(500, [f"server error: {type(exc).__name__}: {exc}"],
                                                        close=True))
            if not self._exchange.body_consumed and not reply.close:
                try:
                    self._consume_body(None)
                except RequestRejected as rejected:
                    reply = self._rejection(rejected)
            outcome = self._send(reply)
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError) as exc:
            self.close_connection = True
            outcome = f"client went away ({type(exc).__name__})"
        except Exception as exc:  # a bug while sending: log it, drop the connection
            self.close_connection = True
            outcome = f"server error while sending: {type(exc).__name__}: {exc}"
        finally:
            self.server.touch()
            elapsed = (time.monotonic() - started) * 1000
            self.server.log_line(self._redact(f"{self.command} {raw_path} -> {outcome} ({elapsed:.0f} ms)"))

    def _rejection(self, rejected: RequestRejected) -> Reply:
        messages = [self._redact(message) for message in rejected.messages]
        if rejected.status == 400:
            body: Dict[str, Any] = {"validation_errors": messages}
        elif isinstance(rejected, Unauthorized):
            body = {"error": "Unauthorized",
                    "message": "The operation's security requirement was not met; expected one of: "
                               + "; ".join(rejected.expected),
                    "expected": rejected.expected, "validation_errors": messages}
        else:
            body = {"error": HTTPStatus(rejected.status).phrase, "validation_errors": messages}
        exchange = self._exchange
        exchange.status = rejected.status
        self._record(accepted=False, error=messages[0] if messages else None)
        return Reply(rejected.status, list(rejected.headers.items()), "application/json", _json_bytes(body),
                     close=rejected.close)

    def _route(self) -> Reply:
        exchange = self._exchange
        incoming = exchange.incoming
        if incoming.raw_path.startswith("/__"):
            self._consume_body(None)
            return self._introspection(incoming.raw_path)
        first, _, rest = incoming.raw_path.lstrip("/").partition("/")
        spec = self.server.specs.get(unquote(first))
        if spec is None:
            raise RequestRejected(404, [f"{incoming.raw_path}: the first path segment must be a spec id "
                                        f"(known: {', '.join(sorted(self.server.specs))})"])
        exchange.spec = spec
        spec.ensure_loaded()
        api_path = "/" + rest
        matches = find_operation(spec, incoming, api_path)
        match = matches[0]
        if len(matches) > 1:  # the same path under several keys (Box's /oauth2/token#refresh)
            content_type = _media_essence(incoming.header("Content-Type") or "")
            for candidate in matches:
                _values, problems = validate_parameters(spec, candidate, incoming, SecurityOutcome(False, [], [], []))
                body = spec.request_body(candidate.operation)[1] or {}
                types = [_media_essence(key) for key in (body.get("content") or {})]
                if not problems and (not content_type or content_type in types):
                    match = candidate
                    break
        exchange.match = match
        with spec.lock:
            try:
                exchange.security = check_security(spec, match.operation, incoming)
            except Unauthorized as unauthorized:
                exchange.credentials += unauthorized.credentials
                raise
            exchange.credentials += exchange.security.credentials
            exchange.parameters, errors = validate_parameters(spec, match, incoming, exchange.security)
        errors += self._read_and_validate_body(spec, match.operation)
        if errors:
            raise RequestRejected(400, errors)
        options = parse_mock_headers(incoming)
        exchange.accepted = True
        with spec.lock:
            reply = self._answer(spec, match, options)
        return reply

    # ----- the body ------------------------------------------------------

    def _body_pieces(self) -> Iterator[bytes]:
        transfer_encodings = self.headers.get_all("Transfer-Encoding") or []
        lengths = self.headers.get_all("Content-Length") or []
        exchange = self._exchange
        if transfer_encodings:
            codings = [coding.strip().lower() for value in transfer_encodings for coding in value.split(",")]
            if lengths:
                raise RequestRejected(400, ["framing: both Transfer-Encoding and Content-Length were sent"],
                                      close=True)
            if codings != ["chunked"]:
                raise RequestRejected(501, [f"framing: Transfer-Encoding {', '.join(codings)} is not supported"],
                                      close=True)
            exchange.framing = "chunked"
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
                while size:
                    data = self.rfile.read(min(size, IO_CHUNK))
                    if not data:
                        raise RequestRejected(400, ["framing: a chunk is truncated"], close=True)
                    size -= len(data)
                    yield data
                if self.rfile.read(2) != b"\r\n":
                    raise RequestRejected(400, ["framing: a chunk is not followed by CRLF"], close=True)
            while True:
                line = self.rfile.readline(MAX_CHUNK_LINE + 1)
                if line == b"\r\n":
                    break
                if not line.endswith(b"\r\n"):
                    raise RequestRejected(400, ["framing: the chunked trailer is malformed"], close=True)
            return
        if lengths:
            if len({value.strip() for value in lengths}) != 1 or not lengths[0].strip().isdigit():
                raise RequestRejected(400, [f"framing: invalid Content-Length {lengths!r}"], close=True)
            remaining = int(lengths[0])
            exchange.framing = "content-length"
            while remaining:
                data = self.rfile.read(min(remaining, IO_CHUNK))
                if not data:
                    raise RequestRejected(400, [f"framing: the body ended {remaining} bytes early"], close=True)
                remaining -= len(data)
                yield data

    def _consume_body(self, sink: Optional[Callable[[bytes], None]]) -> None:
        """Reads the whole body piece by piece, counting and hashing it and
        handing each piece to ``sink``."""
        exchange = self._exchange
        if exchange.body_consumed:
            return
        exchange.body_consumed = True
        hasher = hashlib.sha256()
        size = 0
        for piece in self._body_pieces():
            size += len(piece)
            hasher.update(piece)
            if sink is not None:
                sink(piece)
        exchange.body_size = size
        exchange.body_sha256 = hasher.hexdigest()

    def _body_announced(self) -> bool:
        if self.headers.get_all("Transfer-Encoding"):
            return True
        length = (self.headers.get("Content-Length") or "0").strip()
        return not length.isdigit() or int(length) > 0

    def _read_and_validate_body(self, spec: Spec, operation: OperationInfo) -> List[str]:
        exchange = self._exchange
        body_pointer, body = spec.request_body(operation)
        content_type = exchange.incoming.header("Content-Type")
        exchange.content_type = content_type
        content: Dict[str, Any] = (body or {}).get("content") or {}
        if not body:
            self._consume_body(None)
            if exchange.body_size:
                return [f"body: {operation.operation_id} takes no request body, but {exchange.body_size} bytes "
                        "were sent"]
            return []
        if not self._body_announced():
            self._consume_body(None)
            if body.get("required"):
                return [f"body: required but missing (expected {', '.join(content) or 'a body'})"]
            first = next(iter(content), None)
            if first is not None and isinstance(content[first], dict) and "schema" in content[first]:
                schema_pointer = _pointer_join(body_pointer, "content", first, "schema")
                names = Synthesizer(spec, "request")._atoms([(schema_pointer, _NO_MASK)])
                required = [name for _p, node, _m in names for name in node.get("required") or []]
                if required:
                    return [f"body: missing; the body is optional but its schema requires "
                            f"{', '.join(required[:8])}"]
            return []
        if content_type is None:
            self._consume_body(None)
            return [f"header 'Content-Type': missing; expected {', '.join(content)}"]
        try:
            media_type, media_params = _parse_content_type(content_type)
        except ValueError as exc:
            self._consume_body(None)
            return [f"header 'Content-Type': {exc}"]
        documented = None
        for key in content:
            essence = _media_essence(key)
            if essence == media_type:
                documented = key
                break
        if documented is None:
            for key in content:
                essence = _media_essence(key)
                if essence == "*/*" or (essence.endswith("/*") and media_type.startswith(essence[:-1])):
                    documented = key
                    break
        if documented is None:
            self._consume_body(None)
            return [f"header 'Content-Type': {media_type!r} is not accepted by {operation.operation_id}; "
                    f"expected {', '.join(content)}"]
        media = content[documented] if isinstance(content[documented], dict) else {}
        media_pointer = _pointer_join(body_pointer, "content", documented)
        schema_pointer = _pointer_join(media_pointer, "schema") if "schema" in media else None
        if media_type == "multipart/form-data":
            try:
                boundary = multipart_boundary(content_type)
            except ValueError as exc:
                self._consume_body(None)
                return [f"body (multipart/form-data): {exc}"]
            stream = MultipartStream(boundary)
            self._consume_body(stream.feed)
            stream.close()
            exchange.parts = stream.parts
            if stream.error is not None:
                return [f"body (multipart/form-data): {stream.error}"]
            if schema_pointer is None:
                return []
            encoding = media.get("encoding") if isinstance(media.get("encoding"), dict) else {}
            errors, _values = validate_parts(spec, schema_pointer, stream.parts, encoding)
            return errors
        if _is_json_media(media_type) or media_type == "application/x-www-form-urlencoded" \
                or _is_text_media(media_type):
            buffered = bytearray()

            def keep(piece: bytes) -> None:
                if len(buffered) + len(piece) > MAX_BUFFERED_BODY:
                    raise RequestRejected(413, [f"body: larger than {MAX_BUFFERED_BODY} bytes"], close=True)
                buffered.extend(piece)

            self._consume_body(keep)
            data = bytes(buffered)
            charset = media_params.get("charset")
            if _is_json_media(media_type):
                if charset is not None and charset.lower() != "utf-8":
                    return [f"header 'Content-Type': charset {charset!r}; JSON must be UTF-8"]
                try:
                    exchange.json_body = _strict_json_loads(data, "the JSON body")
                except ValueError as exc:
                    return [f"body: {exc}"]
                if schema_pointer is None:
                    return []
                return spec.errors(schema_pointer, exchange.json_body, "body")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return ["body: not valid UTF-8"]
            if media_type == "application/x-www-form-urlencoded":
                if schema_pointer is None:
                    exchange.form_body = _query_dict(_split_query(text, plus_is_space=True))
                    return []
                errors, exchange.form_body = validate_form(spec, schema_pointer, text)
                return errors
            exchange.text_body = text
            if schema_pointer is not None and "string" in schema_shape(spec, schema_pointer) \
                    and not media_type.endswith("xml"):
                return spec.errors(schema_pointer, text, "body")
            return []
        self._consume_body(None)  # binary: counted and hashed, any bytes
        return []

    # ----- the answer ----------------------------------------------------

    def _base_url(self) -> str:
        host = self._exchange.incoming.header("Host") or ""
        if not re.fullmatch(r"[A-Za-z0-9.\-]+(:[0-9]+)?|\[[0-9A-Fa-f:.]+\](:[0-9]+)?", host):
            host = f"127.0.0.1:{self.server.server_address[1]}"
        return f"http://{host}"

    def _answer(self, spec: Spec, match: Match, options: MockOptions) -> Reply:
        exchange = self._exchange
        incoming = exchange.incoming
        operation = match.operation
        choice = choose_response(spec, operation, incoming.header(ORACLE_HEADER))
        exchange.status = choice.status
        exchange.response_key = choice.key
        content = choice.response.get("content") if isinstance(choice.response.get("content"), dict) else {}
        headers = self._response_headers(spec, choice, match)
        empty = choice.status in (204, 304) or not content
        if empty:
            if options.stream_format is not None:
                raise RequestRejected(400, ["header 'X-Mock-Stream-Format': the chosen response has no content"])
            self._record(accepted=True)
            return Reply(choice.status, headers)
        wants_stream = isinstance(exchange.json_body, dict) and exchange.json_body.get("stream") is True
        accept = incoming.header("Accept")
        media_type = choose_media_type(content, accept, wants_stream)
        if media_type is None:
            exchange.status = 406
            raise RequestRejected(406, [f"header 'Accept': none of {', '.join(content)} is acceptable "
                                        f"for {accept!r}"])
        streaming_types = [key for key in content if _media_essence(key) in STREAM_MEDIA_TYPES]
        stream_format: Optional[str] = None
        schema_pointer: Optional[str] = None
        stand_in = stream_stand_in(spec, choice) if not streaming_types else None
        if options.stream_format is not None:
            if not streaming_types and stand_in is None:
                raise RequestRejected(400, [f"header 'X-Mock-Stream-Format': {operation.operation_id} documents "
                                            "no event stream for this response"])
            stream_format = options.stream_format
            source = streaming_types[0] if streaming_types else None
            schema_pointer = stand_in or stream_schema_pointer(spec, operation, choice, source)
            exchange.media_type = FORCED_STREAM_FORMATS[stream_format]
            done_media = source
        elif _media_essence(media_type) in STREAM_MEDIA_TYPES:
            stream_format = STREAM_MEDIA_TYPES[_media_essence(media_type)]
            schema_pointer = stream_schema_pointer(spec, operation, choice, media_type)
            exchange.media_type = media_type
            done_media = media_type
        elif wants_stream and stand_in is not None and (
                parse_accept(accept) is None or _accept_quality(parse_accept(accept) or [], "text/event-stream")[0] > 0):
            stream_format = "sse"
            schema_pointer = stand_in
            exchange.media_type = "text/event-stream"
            done_media = None
        if stream_format is not None:
            done = options.done if options.done is not None else (
                stream_format == "sse" and uses_done_sentinel(spec, operation, choice, done_media))
            count = options.fail_after if options.fail_after is not None and not options.forever else options.events
            if options.forever:
                count = max(1, min(options.events, 16))
            events = stream_events(spec, schema_pointer, count) if count else []
            if options.forever and not events:
                events = stream_events(spec, schema_pointer, 1)
            plan = StreamPlan(stream_format, exchange.media_type or "text/event-stream", events, done,
                              options.full_framing, options.line_end, options.fail_after,
                              options.delay_ms if not options.forever or options.delay_ms else DEFAULT_FOREVER_DELAY_MS,
                              options.forever)
            self._record(accepted=True)
            return Reply(choice.status, headers, plan.content_type, stream=plan)
        exchange.media_type = media_type
        media = content[media_type] if isinstance(content[media_type], dict) else {}
        media_pointer = _pointer_join(choice.pointer or "#", "content", media_type)
        schema_pointer = _pointer_join(media_pointer, "schema") if "schema" in media else None
        schema = spec.resolve(schema_pointer)[1] if schema_pointer else None
        response_type = media_type if "*" not in media_type else "application/octet-stream"
        if _is_binary_media(media_type, schema):
            size = options.body_size if options.body_size is not None else DEFAULT_BINARY_SIZE
            self._record(accepted=True)
            return Reply(choice.status, headers, response_type, binary_size=size)
        if options.body_size is not None:
            raise RequestRejected(400, [f"header 'X-Mock-Body-Size': the chosen response ({media_type}) is not a "
                                        "binary body"])
        value = self._body_value(spec, match, choice, media_pointer, media, schema_pointer, options, headers)
        if _is_json_media(media_type):
            body = _json_bytes(value)
        elif _media_essence(media_type).endswith("xml"):
            root = (schema or {}).get("xml", {}).get("name") if isinstance((schema or {}).get("xml"), dict) else None
            body = ('<?xml version="1.0" encoding="UTF-8"?>' + _to_xml(value, root or "response")).encode("utf-8")
        elif _media_essence(media_type) == "application/x-www-form-urlencoded":
            body = "&".join(f"{quote(str(key))}={quote(_header_text(item))}"
                            for key, item in (value.items() if isinstance(value, dict) else [])).encode("utf-8")
        else:
            body = (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")
        if _is_text_media(media_type) and "charset" not in response_type.lower():
            response_type += "; charset=utf-8"
        self._record(accepted=True)
        return Reply(choice.status, headers, response_type, body)

    def _body_value(self, spec: Spec, match: Match, choice: ResponseChoice, media_pointer: str,
                    media: Dict[str, Any], schema_pointer: Optional[str], options: MockOptions,
                    headers: List[Tuple[str, str]]) -> Any:
        exchange = self._exchange
        operation = match.operation
        if schema_pointer is not None and 200 <= choice.status < 300:
            pagination = detect_pagination(spec, operation, schema_pointer, choice.response)
            if pagination is not None:
                return self._page(spec, match, pagination, schema_pointer, options, headers)
        example = media_example(spec, media_pointer, media)
        if example is not _MISSING:
            return example
        if schema_pointer is None:
            return {} if _is_json_media(exchange.media_type or "") else "example"
        return synthesize(spec, schema_pointer, what="body")

    def _page(self, spec: Spec, match: Match, pagination: Pagination, schema_pointer: str, options: MockOptions,
              headers: List[Tuple[str, str]]) -> Any:
        exchange = self._exchange
        query = exchange.parameters.get("query", {})
        total = options.total_items
        limit = query.get(pagination.limit_param) if pagination.limit_param else None
        limit = limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else DEFAULT_PAGE_SIZE
        limit = min(limit, 1000)
        ids_key = ("item-ids", pagination.item_pointer, total)
        if ids_key not in spec.cache:
            spec.cache[ids_key] = ItemIds(spec, pagination, total)
        ids: ItemIds = spec.cache[ids_key]

        def position_of(value: Any, parameter: str) -> int:
            position = ids.position(value)
            if position is None:
                raise RequestRejected(400, [f"query parameter {parameter!r}: no item of the mock collection has the "
                                            f"id {value!r} (ids run from {ids[0] if total else '-'} to "
                                            f"{ids[total - 1] if total else '-'})"])
            return position

        def token_start(value: Any, parameter: str) -> int:
            text = str(value)
            found = re.fullmatch(r"mock-cursor-([0-9]+)", text)
            if found and int(found.group(1)) <= total:
                return int(found.group(1))
            if text.isdigit() and parameter in ("Page", "page"):
                return min(total, max(0, int(text) - (1 if parameter == "page" else 0)) * limit)
            if text.isdigit():  # an integer cursor: the offset of the next item
                return min(total, int(text))
            if ids.position(text) is not None:
                return position_of(text, parameter) + 1
            raise RequestRejected(400, [f"query parameter {parameter!r}: {text!r} is not a cursor this mock "
                                        "handed out"])

        start = 0
        end: int
        has_more: bool
        if pagination.mode == "id":
            after = query.get(pagination.next_param) if pagination.next_param else None
            before = query.get(pagination.prev_param) if pagination.prev_param else None
            if after is not None and after != "":
                start = position_of(after, pagination.next_param or "")
                start += 1
                end = min(total, start + limit)
                has_more = end < total
            elif before is not None and before != "":
                end = position_of(before, pagination.prev_param or "")
                start = max(0, end - limit)
                has_more = start > 0
            else:
                end = min(total, limit)
                has_more = end < total
        else:
            if pagination.page_param and query.get(pagination.page_param) is not None:
                page = query.get(pagination.page_param)
                page = page if isinstance(page, int) and page > 0 else 1
                start = min(total, (page - 1) * limit)
            elif pagination.next_param and query.get(pagination.next_param) not in (None, ""):
                start = token_start(query.get(pagination.next_param), pagination.next_param)
            end = min(total, start + limit)
            has_more = end < total
        template_key = ("item-template", pagination.item_pointer)
        if template_key not in spec.cache:
            spec.cache[template_key] = synthesize(spec, pagination.item_pointer, what="item")
        items = []
        for position in range(start, end):
            item = copy.deepcopy(spec.cache[template_key])
            if isinstance(item, dict) and pagination.id_property:
                item[pagination.id_property] = ids[position]
            items.append(item)
        next_token = f"mock-cursor-{end}" if has_more else None
        if pagination.mode == "id":
            next_token = str(ids[end - 1]) if has_more and end > start else None
        if pagination.items_property is None:
            body: Any = items
        else:
            body = synthesize(spec, schema_pointer, what="body")
            body[pagination.items_property] = items
            properties, _open = object_property_names(spec, schema_pointer)
            if "has_more" in properties:
                body["has_more"] = has_more
            for field_name, value in (("last_id", ids[end - 1] if end > start else None),
                                      ("first_id", ids[start] if end > start else None)):
                if field_name in properties:
                    body[field_name] = value
            if pagination.mode in ("token", "url") and pagination.field:
                field_pointer = _property_pointer(spec, schema_pointer, pagination.field)
                if pagination.mode == "url":
                    value = self._page_url(match, pagination, end, limit) if has_more else None
                else:
                    value = next_token
                    if value is not None and field_pointer is not None and not spec.is_valid(field_pointer, value):
                        value = end  # an integer cursor field (Box's next_marker)
                if value is None and field_pointer is not None and not spec.is_valid(field_pointer, None):
                    body.pop(pagination.field, None)
                else:
                    body[pagination.field] = value
        if pagination.mode == "link":
            links = []
            if has_more:
                links.append(f'<{self._page_url(match, pagination, end, limit)}>; rel="next"')
            if start > 0:
                links.append(f'<{self._page_url(match, pagination, max(0, start - limit), limit)}>; rel="prev"')
            headers[:] = [(name, value) for name, value in headers if name.lower() != "link"]
            if links:
                headers.append(("Link", ", ".join(links)))
        exchange.pagination = {"mode": pagination.mode, "total_items": total, "page_size": limit,
                               "first": start, "count": end - start, "has_more": has_more,
                               "items_property": pagination.items_property, "id_property": pagination.id_property}
        problems = spec.errors(schema_pointer, body, "body")
        if problems:
            raise SynthesisError("the paginated body is not valid: " + "; ".join(problems))
        return body

    def _page_url(self, match: Match, pagination: Pagination, start: int, limit: int) -> str:
        """The absolute URL of the page that starts at item ``start``."""
        incoming = self._exchange.incoming
        skip = {pagination.next_param, pagination.page_param, pagination.limit_param}
        pairs = [(key, value) for key, value in incoming.query_pairs if key not in skip]
        if pagination.page_param:
            pairs.append((pagination.page_param, str(start // limit + 1)))
        elif pagination.next_param in ("Page", "page"):
            pairs.append((pagination.next_param, str(start // limit + (1 if pagination.next_param == "page" else 0))))
        elif pagination.next_param:
            pairs.append((pagination.next_param, f"mock-cursor-{start}"))
        if pagination.limit_param:
            pairs.append((pagination.limit_param, str(limit)))
        query = "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in pairs)
        return f"{self._base_url()}{incoming.raw_path}?{query}"

    def _response_headers(self, spec: Spec, choice: ResponseChoice, match: Match) -> List[Tuple[str, str]]:
        """The documented response headers, with values valid for their
        schemas (``Content-Type`` and framing headers are never sent)."""
        result: List[Tuple[str, str]] = []
        documented = choice.response.get("headers") if isinstance(choice.response.get("headers"), dict) else {}
        for name in documented:
            if name.lower() in UNSENDABLE_RESPONSE_HEADERS:
                continue
            try:
                header_pointer, header = spec.resolve(_pointer_join(choice.pointer or "#", "headers", name))
            except Impossible:
                continue
            if not isinstance(header, dict):
                continue
            schema_pointer: Optional[str] = None
            if "schema" in header:
                schema_pointer = _pointer_join(header_pointer, "schema")
            elif isinstance(header.get("content"), dict) and header["content"]:
                media = next(iter(header["content"]))
                if isinstance(header["content"][media], dict) and "schema" in header["content"][media]:
                    schema_pointer = _pointer_join(header_pointer, "content", media, "schema")
            lowered = name.lower()
            special: Any = _MISSING
            if lowered == "location":
                special = f"{self._base_url()}{self._exchange.incoming.raw_path}"
            elif lowered == "etag":
                special = '"mock-etag-1"'
            elif lowered == "link":
                special = f'<{self._base_url()}{self._exchange.incoming.raw_path}>; rel="self"'
            elif "request-id" in lowered or lowered in ("x-request-id", "request-id", "x-amzn-requestid"):
                special = "req_" + hashlib.sha256(f"{self.server.request_count}".encode()).hexdigest()[:24]
            elif lowered == "content-disposition":
                special = 'attachment; filename="download.bin"'
            value: Any = _MISSING
            if special is not _MISSING and (schema_pointer is None or spec.is_valid(schema_pointer, special)):
                value = special
            elif schema_pointer is not None:
                value = synthesize(spec, schema_pointer, name=name, what=f"header {name}")
            else:
                value = "example"
            result.append((name, _header_text(value)))
        return result

    # ----- records -------------------------------------------------------

    def _record(self, accepted: bool, error: Optional[str] = None) -> None:
        exchange = self._exchange
        incoming = exchange.incoming
        spec = exchange.spec
        operation = exchange.match.operation if exchange.match else None
        summary = {"method": incoming.method, "path": incoming.raw_path,
                   "spec_id": spec.id if spec else None,
                   "operation_id": operation.operation_id if operation else None,
                   "status": exchange.status, "accepted": accepted, "media_type": exchange.media_type,
                   "oracle_status": incoming.header(ORACLE_HEADER), "error": error}
        description = self._describe() if accepted else None
        self.server.remember(summary, description)

    def _describe(self) -> Dict[str, Any]:
        exchange = self._exchange
        incoming = exchange.incoming
        credential_headers = self._credential_headers()
        headers: Dict[str, str] = {}
        for name, value in incoming.headers:
            key = name.lower()
            shown = REDACTED if key in credential_headers else self._redact(value)
            headers[key] = headers[key] + ", " + shown if key in headers else shown
        spec = exchange.spec
        assert spec is not None and exchange.match is not None
        key_query = {str(scheme.get("name")) for scheme in spec.security_schemes().values()
                     if scheme.get("type") == "apiKey" and str(scheme.get("in")).lower() == "query"}
        query = {name: ([REDACTED] * len(values) if name in key_query else values)
                 for name, values in _query_dict(incoming.query_pairs).items()}
        parameters = copy.deepcopy(exchange.parameters)
        for name in list(parameters.get("header", {})):
            if name.lower() in credential_headers:
                parameters["header"][name] = REDACTED
        operation = exchange.match.operation
        description: Dict[str, Any] = {
            "method": incoming.method, "path": incoming.raw_path, "query_string": self._redact(incoming.query_string),
            "spec_id": spec.id, "operation_id": operation.operation_id, "path_template": operation.template,
            "api_path": exchange.match.api_path,
            "path_params": {name: unquote(value) for name, value in exchange.match.path_values.items()},
            "query": query, "parameters": parameters, "headers": headers,
            "security": exchange.security.describe() if exchange.security else None,
            "content_type": exchange.content_type, "body_framing": exchange.framing,
            "body_size": exchange.body_size, "body_sha256": exchange.body_sha256,
            "status": exchange.status, "response_key": exchange.response_key, "media_type": exchange.media_type,
        }
        if exchange.json_body is not _MISSING:
            description["json"] = exchange.json_body
        if exchange.form_body is not None:
            description["form"] = exchange.form_body
        if exchange.parts is not None:
            description["parts"] = [part.describe() for part in exchange.parts]
        if exchange.text_body is not None:
            description["text"] = _clip(exchange.text_body, 4000)
        if exchange.pagination is not None:
            description["pagination"] = exchange.pagination
        return json.loads(self._redact(json.dumps(description)))

    # ----- sending -------------------------------------------------------

    def _start(self, reply: Reply, length: Optional[int]) -> None:
        self.send_response(reply.status)
        if reply.content_type is not None:
            self.send_header("Content-Type", reply.content_type)
        if length is not None and reply.status not in (204, 304):
            self.send_header("Content-Length", str(length))
        elif length is None:
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Cache-Control", "no-cache")
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.close:
            self.close_connection = True
            self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, reply: Reply) -> str:
        if reply.stream is not None:
            return self._send_stream(reply)
        if reply.binary_size is not None:
            self._start(reply, reply.binary_size)
            if self.command != "HEAD":
                offset = 0
                while offset < reply.binary_size:
                    size = min(IO_CHUNK, reply.binary_size - offset)
                    self.wfile.write(pattern_bytes(offset, size))
                    offset += size
            self.wfile.flush()
            return f"{reply.status} ({reply.binary_size} bytes streamed)"
        self._start(reply, len(reply.body))
        if self.command != "HEAD" and reply.body and reply.status not in (204, 304):
            self.wfile.write(reply.body)
        self.wfile.flush()
        return str(reply.status)

    def _client_gone(self) -> bool:
        """Whether the client closed its side (a readable socket with nothing to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            return self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return True

    def _send_stream(self, reply: Reply) -> str:
        plan = reply.stream
        assert plan is not None
        exchange = self._exchange
        operation = exchange.match.operation if exchange.match else None
        record = self.server.new_stream({
            "spec_id": exchange.spec.id if exchange.spec else None,
            "operation_id": operation.operation_id if operation else None,
            "format": plan.fmt, "content_type": plan.content_type,
            "planned_events": None if plan.forever else len(plan.events),
            "events_sent": 0, "done_sent": False, "forever": plan.forever,
            "fail_after": plan.fail_after, "state": "streaming", "client_cancelled": False,
            "started": time.time(), "duration_ms": None,
        })
        exchange.stream_id = record["id"]
        with self.server.state_lock:
            if self.server.last_request is not None and self.server.last_request.get("path") == exchange.incoming.raw_path:
                self.server.last_request["stream_id"] = record["id"]
        started = time.monotonic()
        self._start(reply, None)
        self.close_connection = self.close_connection or plan.forever or plan.fail_after is not None

        def chunk(data: bytes) -> None:
            self.wfile.write(f"{len(data):X}\r\n".encode("ascii") + data + b"\r\n")
            self.wfile.flush()

        def wait(milliseconds: int) -> bool:
            """Sleeps, watching for a closed client; False when it went away."""
            deadline = time.monotonic() + milliseconds / 1000
            while True:
                if self._client_gone():
                    return False
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.server.stop_event.is_set():
                    return True
                time.sleep(min(remaining, 0.02))

        def finish(state: str) -> str:
            with self.server.state_lock:
                record["state"] = state
                record["client_cancelled"] = state == "client_cancelled"
                record["duration_ms"] = round((time.monotonic() - started) * 1000)
            return f"{reply.status} stream {record['id']} {state} after {record['events_sent']} events"

        numbers: Iterable[int] = itertools.count() if plan.forever else range(len(plan.events))
        deadline = time.monotonic() + MAX_FOREVER_SECONDS
        sent_events = 0
        try:
            for block in sse_blocks(plan, numbers):
                is_event = not block.startswith(b":")  # the preamble is a comment and retry:
                if is_event and sent_events and plan.delay_ms:
                    if not wait(plan.delay_ms):
                        return finish("client_cancelled")
                elif is_event and sent_events and self._client_gone():
                    return finish("client_cancelled")
                self.server.touch()
                chunk(block)
                if is_event:
                    sent_events += 1
                    with self.server.state_lock:
                        record["events_sent"] = sent_events
                if plan.forever and (self.server.stop_event.is_set() or time.monotonic() > deadline):
                    break
            if plan.fail_after is not None and not plan.forever:
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return finish("aborted")
            if plan.done:
                chunk(f"data: [DONE]{plan.line_end}{plan.line_end}".encode("utf-8"))
                with self.server.state_lock:
                    record["done_sent"] = True
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            return finish("completed")
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            self.close_connection = True
            return finish("client_cancelled")

    # ----- introspection -------------------------------------------------

    def _introspection(self, raw_path: str) -> Reply:
        def ok(value: Any, status: int = 200) -> Reply:
            return Reply(status, [], "application/json", _json_bytes(value))

        if raw_path == "/__reset":
            if self.command not in ("GET", "POST"):
                raise RequestRejected(405, ["/__reset answers GET and POST"], headers={"Allow": "GET, POST"})
            self.server.reset()
            return ok({"status": "reset"})
        if self.command not in ("GET", "HEAD"):
            raise RequestRejected(405, [f"{raw_path} only answers GET"], headers={"Allow": "GET"})
        server = self.server
        if raw_path == "/__health":
            return ok({"status": "ok", "specs": len(server.specs),
                       "loaded": sorted(spec_id for spec_id, spec in server.specs.items() if spec.loaded)})
        if raw_path == "/__specs":
            return ok({"specs": [{"id": spec.id, "path": spec.path, "loaded": spec.loaded,
                                  "load_seconds": round(spec.load_seconds, 3) if spec.load_seconds else None,
                                  "openapi": spec.version or None,
                                  "operations": len(spec.operations) if spec.loaded else None,
                                  "server_paths": spec.base_paths if spec.loaded else None,
                                  "error": spec.load_error}
                                 for spec in sorted(server.specs.values(), key=lambda spec: spec.id)]})
        if raw_path == "/__last":
            with server.state_lock:
                last = server.last_request
            if last is None:
                return ok({"error": "no request has been accepted yet"}, 404)
            return ok(last)
        if raw_path == "/__requests":
            with server.state_lock:
                return ok({"count": server.request_count, "requests": list(server.requests)})
        if raw_path == "/__streams":
            with server.state_lock:
                return ok({"count": server.stream_count, "streams": copy.deepcopy(server.streams)})
        parts = raw_path.strip("/").split("/")
        if parts[0] in ("__operations", "__example") and len(parts) >= 2:
            spec = server.specs.get(unquote(parts[1]))
            if spec is None:
                raise RequestRejected(404, [f"no spec with id {unquote(parts[1])!r}"])
            spec.ensure_loaded()
            if parts[0] == "__operations" and len(parts) == 2:
                return ok({"spec_id": spec.id, "server_paths": spec.base_paths,
                           "operations": [{"index": operation.index, "method": operation.method.upper(),
                                           "path": operation.template, "operation_id": operation.operation_id}
                                          for operation in spec.operations]})
            if parts[0] == "__example" and len(parts) == 3 and parts[2].isdigit() \
                    and int(parts[2]) < len(spec.operations):
                with spec.lock:
                    return ok(example_request(spec, spec.operations[int(parts[2])]))
        raise RequestRejected(404, [f"unknown introspection path {raw_path} (known: /__health, /__specs, /__last, "
                                    "/__requests, /__streams, /__reset, /__operations/<id>, /__example/<id>/<n>)"])


# --------------------------------------------------------------------------
# Example requests (/__example): a valid request for any operation
# --------------------------------------------------------------------------


def _simple_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _flatten_form(prefix: str, value: Any, pairs: List[Tuple[str, str]], top_level_array: bool = False) -> None:
    """Form (deepObject-style) pairs for a value: ``a[b]=c``, ``a[0]=x``."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten_form(f"{prefix}[{key}]" if prefix else key, item, pairs)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            if top_level_array and not isinstance(item, (dict, list)):
                pairs.append((prefix, _simple_text(item)))
            else:
                _flatten_form(f"{prefix}[{position}]", item, pairs)
    elif value is not None:
        pairs.append((prefix, _simple_text(value)))


def _serialize_parameter(parameter: Parameter, value: Any) -> List[Tuple[str, str]]:
    """(name, value) pairs for a query parameter by its style and explode."""
    name = parameter.name
    if parameter.content_type is not None:
        return [(name, json.dumps(value, separators=(",", ":")))]
    if parameter.style == "deepObject":
        pairs: List[Tuple[str, str]] = []
        if isinstance(value, (dict, list)):
            _flatten_form(name, value, pairs)
        else:
            pairs.append((name, _simple_text(value)))
        return pairs
    separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(parameter.style, ",")
    if isinstance(value, list):
        if parameter.explode:
            return [(name, _simple_text(item)) for item in value]
        return [(name, separator.join(_simple_text(item) for item in value))]
    if isinstance(value, dict):
        if parameter.explode:
            return [(key, _simple_text(item)) for key, item in value.items()]
        return [(name, separator.join(f"{key}{separator}{_simple_text(item)}" for key, item in value.items()))]
    return [(name, _simple_text(value))]


def example_request(spec: Spec, operation: OperationInfo) -> Dict[str, Any]:
    """A request that this server accepts for ``operation``: required
    parameters, credentials for the first security alternative, and a body
    (when one is required) in the first documented media type, preferring
    JSON, then form, then multipart."""
    path = operation.path
    headers: Dict[str, str] = {}
    cookies: List[str] = []
    query: List[Tuple[str, str]] = list(operation.fixed_query.items())
    for parameter in spec.parameters(operation):
        if parameter.location != "path" and not parameter.required:
            continue
        if parameter.location == "header" and parameter.name.lower() in IGNORED_HEADER_PARAMETERS:
            continue
        value: Any = "example"
        if parameter.schema_pointer is not None:
            value = synthesize(spec, parameter.schema_pointer, direction="request", name=parameter.name,
                               what=f"{parameter.location} parameter {parameter.name}")
        if parameter.location == "path":
            if isinstance(value, list):
                text = ",".join(quote(_simple_text(item), safe="") for item in value)
            else:
                text = quote(_simple_text(value), safe="")
            if parameter.style == "label":
                text = "." + text
            elif parameter.style == "matrix":
                text = f";{parameter.name}={text}"
            path = path.replace("{" + parameter.name + "}", text)
        elif parameter.location == "query":
            query += _serialize_parameter(parameter, value)
        elif parameter.location == "header":
            headers[parameter.name] = _header_text(value)
        elif parameter.location == "cookie":
            cookies.append(f"{parameter.name}={_simple_text(value)}")
    requirement = effective_security(spec, operation) or []
    implied = implied_key_header(spec, operation)
    schemes = spec.security_schemes()
    if implied is not None:
        headers[implied] = "mock-api-key"
    for name in (requirement[0] if requirement else {}):
        scheme = schemes.get(name) or {}
        kind = scheme.get("type")
        if kind == "apiKey":
            location = str(scheme.get("in")).lower()
            if location == "header":
                headers[str(scheme.get("name"))] = "mock-api-key"
            elif location == "query":
                query.append((str(scheme.get("name")), "mock-api-key"))
            elif location == "cookie":
                cookies.append(f"{scheme.get('name')}=mock-api-key")
        elif kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
            headers["Authorization"] = "Basic " + base64.b64encode(b"mock-user:mock-password").decode("ascii")
        elif kind == "http":
            headers["Authorization"] = f"{str(scheme.get('scheme', 'Bearer')).capitalize()} mock-token"
        elif kind in ("oauth2", "openIdConnect"):
            headers["Authorization"] = "Bearer mock-token"
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    body = b""
    content_type: Optional[str] = None
    body_pointer, definition = spec.request_body(operation)
    content = (definition or {}).get("content") or {}
    chosen: Optional[str] = None
    for preference in (_is_json_media, lambda media: _media_essence(media) == "application/x-www-form-urlencoded",
                       lambda media: _media_essence(media) == "multipart/form-data", lambda media: True):
        chosen = next((media for media in content if preference(media) and "*" not in media), None)
        if chosen is not None:
            break
    if chosen is not None:
        media = content[chosen] if isinstance(content[chosen], dict) else {}
        schema_pointer = _pointer_join(body_pointer, "content", chosen, "schema") if "schema" in media else None
        required_props = []
        if schema_pointer is not None:
            required_props = [name for _p, node, _m in Synthesizer(spec, "request")._atoms([(schema_pointer, _NO_MASK)])
                              for name in node.get("required") or []]
        if (definition or {}).get("required") or required_props:
            essence = _media_essence(chosen)
            value = synthesize(spec, schema_pointer, direction="request", what="body") if schema_pointer else None
            content_type = chosen
            if _is_json_media(essence):
                body = json.dumps(value).encode("utf-8")
            elif essence == "application/x-www-form-urlencoded":
                pairs: List[Tuple[str, str]] = []
                for key, item in (value or {}).items() if isinstance(value, dict) else []:
                    _flatten_form(key, item, pairs, top_level_array=True)
                body = "&".join(f"{quote(key, safe='[]')}={quote(item, safe='')}" for key, item in pairs).encode()
            elif essence == "multipart/form-data":
                boundary = "mock-boundary-7MA4YWxkTrZu0gW"
                content_type = f"multipart/form-data; boundary={boundary}"
                body = _example_multipart(spec, schema_pointer, value, boundary,
                                          media.get("encoding") if isinstance(media.get("encoding"), dict) else {})
            elif _is_text_media(essence):
                body = (value if isinstance(value, str) else "example").encode("utf-8")
            else:
                body = pattern_bytes(0, 256)
    if content_type is not None:
        headers["Content-Type"] = content_type
    query_string = "&".join(f"{quote(key, safe='[]')}={quote(value, safe='')}" for key, value in query)
    full_path = f"/{quote(spec.id)}{path}" + (f"?{query_string}" if query_string else "")
    return {"spec_id": spec.id, "operation_id": operation.operation_id, "method": operation.method.upper(),
            "path": full_path, "headers": headers, "body_base64": base64.b64encode(body).decode("ascii")}


def _example_multipart(spec: Spec, schema_pointer: Optional[str], value: Any, boundary: str,
                       encoding: Dict[str, Any]) -> bytes:
    properties: Dict[str, List[str]] = {}
    if schema_pointer is not None:
        properties, _required, _open, variants = object_view(spec, schema_pointer)
        if variants and not properties:
            for variant in variants:
                if spec.is_valid(variant, value):
                    properties = object_view(spec, variant)[0]
                    break
    out = bytearray()

    def part(name: str, data: bytes, filename: Optional[str] = None, part_type: Optional[str] = None) -> None:
        out.extend(f"--{boundary}\r\n".encode())
        disposition = f'Content-Disposition: form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        out.extend(disposition.encode() + b"\r\n")
        if part_type is not None:
            out.extend(f"Content-Type: {part_type}\r\n".encode())
        out.extend(b"\r\n" + data + b"\r\n")

    for name, item in (value.items() if isinstance(value, dict) else []):
        kind = field_kind(spec, properties.get(name, [])) if name in properties else "text"
        wanted = (encoding.get(name) or {}).get("contentType") if isinstance(encoding.get(name), dict) else None
        file_type = (wanted.split(",")[0].strip() if wanted and "*" not in wanted else "application/octet-stream")
        if kind in ("file", "files", "file-or-files"):
            part(name, pattern_bytes(0, 64), f"{name.replace('[', '_').replace(']', '')}.bin", file_type)
        elif kind == "json":
            part(name, json.dumps(item).encode("utf-8"), None, wanted.split(",")[0].strip() if wanted else
                 "application/json")
        elif kind == "texts" and isinstance(item, list):
            for element in item:
                part(name, _simple_text(element).encode("utf-8"))
        elif item is not None or kind == "text":
            part(name, _simple_text(item).encode("utf-8"))
    if not out:
        part("file", pattern_bytes(0, 64), "file.bin", "application/octet-stream")
    out.extend(f"--{boundary}--\r\n".encode())
    return bytes(out)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def spec_id_of(path: str) -> str:
    """The spec id: the file name without its extension."""
    name = os.path.basename(path)
    for extension in (".yaml", ".yml", ".json"):
        if name.lower().endswith(extension):
            return name[: -len(extension)]
    return name


def collect_specs(corpus: Sequence[str], given: Sequence[str]) -> Dict[str, Spec]:
    """Specs by id from ``--corpus`` folders and ``--spec [ID=]PATH`` values
    (a later one with the same id wins)."""
    specs: Dict[str, Spec] = {}
    for folder in corpus:
        for entry in sorted(os.listdir(folder)):
            if entry.lower().endswith((".yaml", ".yml", ".json")):
                path = os.path.join(folder, entry)
                specs[spec_id_of(path)] = Spec(spec_id_of(path), path)
    for value in given:
        spec_id, equals, path = value.partition("=")
        if not equals:
            spec_id, path = spec_id_of(value), value
        if not spec_id or "/" in spec_id or spec_id.startswith("__"):
            raise ValueError(f"--spec {value!r}: the id must be a non-empty path segment not starting with __")
        specs[spec_id] = Spec(spec_id, path)
    return specs


def build_argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Loopback mock server validating requests against many OpenAPI specs, each under /<spec id>/.")
    parser.add_argument("--corpus", action="append", default=[], metavar="DIR",
                        help="serve every *.yaml, *.yml and *.json in DIR (repeatable)")
    parser.add_argument("--spec", action="append", default=[], metavar="ID=PATH",
                        help="serve the spec at PATH under /ID/ (repeatable; ID defaults to the file name "
                             "without extension)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free port)")
    parser.add_argument("--port-file", metavar="FILE", help="write the port to FILE once listening")
    parser.add_argument("--preload", action="store_true",
                        help="load every spec in the background right after start (default: on first use)")
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
            sys.stderr.write(f"[conformance-server] {line}\n")
            sys.stderr.flush()

    try:
        for folder in args.corpus:
            if not os.path.isdir(folder):
                raise ValueError(f"--corpus {folder}: not a directory")
        specs = collect_specs(args.corpus, args.spec)
        for spec in specs.values():
            if not os.path.isfile(spec.path):
                raise ValueError(f"spec {spec.id}: {spec.path} does not exist")
    except (ValueError, OSError) as exc:
        sys.stderr.write(f"conformance_server.py: {exc}\n")
        return 2
    if not specs:
        sys.stderr.write("conformance_server.py: no spec given (use --corpus DIR or --spec ID=PATH)\n")
        return 2
    server = ConformanceServer(args.port, specs, log)
    if args.preload:
        def preload() -> None:
            for spec in sorted(specs.values(), key=lambda spec: os.path.getsize(spec.path)):
                try:
                    spec.ensure_loaded()
                except RequestRejected:
                    log(f"spec {spec.id} could not be loaded: {spec.load_error}")
        threading.Thread(target=preload, name="preload", daemon=True).start()
    return run_server(server, port_file=args.port_file, idle_timeout=args.idle_timeout,  # type: ignore[arg-type]
                      stdin_watch=not args.no_stdin_watch, parent=0 if args.no_parent_watch else os.getppid(),
                      log=log, details=f"{len(specs)} specs: {', '.join(sorted(specs))}")


if __name__ == "__main__":
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exit_code)
