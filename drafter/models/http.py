"""The OpenAI-compatible HTTP API on the standard library: one JSON request, its JSON answer or its event stream.

Why not the openai SDK: drafter makes two calls (`POST /chat/completions`, `GET /models`) and keeps its own retry
policy, yet `import openai` (3.x) loads ~470 type modules — half a second and 50 MB before the first request of
every compose run. This module does those two calls with `urllib` (which honours HTTP(S)_PROXY and NO_PROXY as
the SDK did) and reports what went wrong as plain exceptions for the backend to sort:

    HttpStatus      the endpoint answered with an error status (its code, headers and body)
    NotHttp         what answered does not speak HTTP (an address pointing at another service)
    BadReply        the answer is not the JSON (or the event stream) the API defines
    TimeoutError    no answer within the timeout (the standard library's)
    OSError         no connection (refused, unknown host, TLS, reset)
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Generator, Iterator
from typing import Any

from drafter import __version__

CONNECT_TIMEOUT = 10.0  # seconds to connect (and shake hands); reads may take the whole timeout


class HttpStatus(Exception):
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None


class NotHttp(Exception):
    pass


class BadReply(Exception):
    pass


class Endpoint:
    """An OpenAI-compatible endpoint at `base_url` (…/v1), with its key and a timeout for each connection and read."""

    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {
            "Authorization": f"Bearer {api_key}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": f"drafter/{__version__}",
        }
        self._timeout = timeout
        self._opener = _opener()

    def get(self, path: str) -> Any:
        with self._open("GET", path, None) as response:
            return _json(_read(response))

    def post(self, path: str, body: dict[str, Any]) -> Any:
        with self._open("POST", path, body) as response:
            return _json(_read(response))

    def stream(self, path: str, body: dict[str, Any]) -> Generator[Any, None, None]:
        """The events of a server-sent event stream, each parsed JSON, until `[DONE]` or the stream's end (a stream
        cut short simply ends: the caller knows from the missing finish)."""
        with self._open("POST", path, {**body, "stream": True}) as response:
            data: list[str] = []
            for raw in _lines(response):
                line = raw.rstrip("\r\n")
                if line.startswith("data:"):
                    data.append(line[5:].removeprefix(" "))
                elif not line and data:  # an event ends at a blank line
                    payload, data = "\n".join(data), []
                    if payload.strip() == "[DONE]":
                        return
                    yield _json(payload.encode("utf-8", "surrogatepass"))
            if data and "\n".join(data).strip() != "[DONE]":
                yield _json("\n".join(data).encode("utf-8", "surrogatepass"))

    def close(self) -> None:
        """Nothing is kept open between requests (one connection a request)."""

    def _open(self, method: str, path: str, body: dict[str, Any] | None) -> http.client.HTTPResponse:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        request = urllib.request.Request(f"{self.base_url}{path}", data=data, headers=self._headers, method=method)
        try:
            response: http.client.HTTPResponse = self._opener.open(request, timeout=self._timeout)
        except urllib.error.HTTPError as error:
            try:
                content = error.read()
            except (OSError, http.client.HTTPException):
                content = b""
            raise HttpStatus(error.code, {k.lower(): v for k, v in error.headers.items()}, content) from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise reason from None
            if isinstance(reason, http.client.HTTPException):
                raise NotHttp(_said(reason)) from None
            if isinstance(reason, OSError):
                raise reason from None
            raise OSError(str(reason)) from None
        except http.client.HTTPException as error:  # no status line, or not one HTTP knows
            raise NotHttp(_said(error)) from None
        return response


def _opener() -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only (a file: or ftp: address is an unknown one, not a file read), through the proxies the
    environment names (HTTP(S)_PROXY, NO_PROXY, as curl and the SDK), connecting within `CONNECT_TIMEOUT`."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), _HttpHandler(), _HttpsHandler(),
        urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):  # fmt: skip
        opener.add_handler(handler)
    return opener


class _QuickConnect:
    """A connection that gives up connecting after `CONNECT_TIMEOUT`, then reads with its own timeout: an address
    that drops packets fails in seconds, a model thinking for a minute does not."""

    timeout: Any
    sock: Any

    def connect(self) -> None:
        read = self.timeout
        if isinstance(read, int | float):
            self.timeout = min(read, CONNECT_TIMEOUT)
        try:
            super().connect()  # type: ignore[misc]
        finally:
            self.timeout = read
        if self.sock is not None and isinstance(read, int | float):
            self.sock.settimeout(read)


class _HttpConnection(_QuickConnect, http.client.HTTPConnection):
    pass


class _HttpsConnection(_QuickConnect, http.client.HTTPSConnection):
    pass


class _HttpHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HttpConnection, req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HttpsConnection, req, context=self._context)  # type: ignore[attr-defined]


def _read(response: http.client.HTTPResponse) -> bytes:
    try:
        return response.read()
    except http.client.IncompleteRead as error:
        raise BadReply(f"cut after {len(error.partial)} bytes") from None


def _lines(response: http.client.HTTPResponse) -> Iterator[str]:
    """The stream's lines as text; a line that is not UTF-8 is a bad reply. A connection reset mid-stream ends it."""
    while True:
        try:
            raw = response.readline()
        except (http.client.IncompleteRead, ConnectionResetError):
            return
        if not raw:
            return
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadReply("UnicodeDecodeError") from None


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        raise BadReply("UnicodeDecodeError") from None
    except ValueError:
        raise BadReply("JSONDecodeError") from None


def _said(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
