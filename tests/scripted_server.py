"""A small scripted OpenAI-compatible server on 127.0.0.1: drafter's client (and the openai SDK, to compare)
over real HTTP.

Each chat request is answered by the next scripted `Reply` if any are queued, else by `responder(body)`.
Replies can stream (SSE, with usage when asked), fail with a status (429 with Retry-After, 500, 401…), hang
past the client's timeout, cut the stream mid-way, or end with `finish_reason: length`.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str = "好的。"
    status: int = 200
    finish_reason: str = "stop"
    usage: bool = True  # report usage (when the client asks for it in a stream)
    cut_after: int | None = None  # close the stream after this many chunks, without finishing
    delay: float = 0.0  # seconds before answering
    retry_after: float | None = None
    error: str = "scripted failure"
    raw: bytes | None = None  # sent as the body (a stream's one event) in place of JSON: a reply that cannot be read


@dataclass
class Received:
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def messages(self) -> list[dict[str, str]]:
        return self.body["messages"]

    @property
    def last(self) -> str:
        return self.messages[-1]["content"]


@dataclass
class ScriptedServer:
    responder: Callable[[dict[str, Any]], Reply | str] = lambda body: Reply()
    models: list[str] = field(default_factory=lambda: ["test-model"])
    latency: float = 0.0  # added to every chat request
    reject_stream_options: bool = False
    reject: dict[str, str] = field(default_factory=dict)  # request parameter -> the 400 message refusing it
    chunk_size: int = 8
    chunk_delay: float = 0.0  # seconds between streamed chunks (lets a client stop reading mid-way)
    streams_abandoned: int = 0  # streams the client closed before their end
    requests: list[Received] = field(default_factory=list)
    script: deque[Reply] = field(default_factory=deque)
    in_flight: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    def queue(self, *replies: Reply) -> None:
        self.script.extend(replies)

    def chat_requests(self) -> list[Received]:
        return [r for r in self.requests if "messages" in r.body]

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.script:
                return self.script.popleft()
        answer = self.responder(body)
        return Reply(answer) if isinstance(answer, str) else answer


def _handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            server.requests.append(Received({"path": self.path}, {k.lower(): v for k, v in self.headers.items()}))
            if self.headers.get("Authorization") == "Bearer sk-rejected":
                return self._error(401, "Incorrect API key provided")
            if self.path.rstrip("/").endswith("/models"):
                data = [{"id": name, "object": "model", "created": 0, "owned_by": "test"} for name in server.models]
                return self._json(200, {"object": "list", "data": data})
            self._error(404, "not found")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            server.requests.append(Received(body, {k.lower(): v for k, v in self.headers.items()}))
            if self.headers.get("Authorization") == "Bearer sk-rejected":
                return self._error(401, "Incorrect API key provided")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                return self._error(404, f"no route {self.path}")
            if server.reject_stream_options and "stream_options" in body:
                return self._error(400, "Unrecognized request argument supplied: stream_options")
            for parameter, message in server.reject.items():
                if parameter in body:
                    return self._error(400, message)
            with server._lock:
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                reply = server._next_reply(body)
                time.sleep(server.latency + reply.delay)
                if reply.status != 200:
                    headers = {"Retry-After": str(reply.retry_after)} if reply.retry_after is not None else {}
                    return self._error(reply.status, reply.error, headers)
                if reply.raw is not None:
                    self._raw(bool(body.get("stream")), reply.raw)
                elif body.get("stream"):
                    self._stream(body, reply)
                else:
                    self._whole(body, reply)
            finally:
                with server._lock:
                    server.in_flight -= 1

        def _raw(self, stream: bool, data: bytes) -> None:
            payload = b"data: " + data + b"\n\n" if stream else data
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream" if stream else "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.close_connection = True

        def _usage(self, body: dict[str, Any], reply: Reply) -> dict[str, int]:
            prompt = sum(len(m["content"]) for m in body["messages"]) // 2
            return {
                "prompt_tokens": prompt,
                "completion_tokens": len(reply.text),
                "total_tokens": prompt + len(reply.text),
            }

        def _whole(self, body: dict[str, Any], reply: Reply) -> None:
            self._json(
                200,
                {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body["model"],
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": reply.text},
                         "finish_reason": reply.finish_reason}
                    ],
                    "usage": self._usage(body, reply) if reply.usage else None,
                },
            )  # fmt: skip

        def _stream(self, body: dict[str, Any], reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            pieces = [reply.text[i : i + server.chunk_size] for i in range(0, len(reply.text), server.chunk_size)]

            def chunk(delta: dict[str, Any], finish: str | None, usage: dict[str, int] | None = None) -> None:
                data = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": body["model"],
                    "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}],
                }
                if usage:
                    data["usage"] = usage
                self.wfile.write(f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()

            for index, piece in enumerate(pieces):
                if reply.cut_after is not None and index >= reply.cut_after:
                    self.close_connection = True
                    return  # cut: no finish_reason, no [DONE]
                try:
                    chunk({"content": piece}, None)
                except (BrokenPipeError, ConnectionResetError):
                    server.streams_abandoned += 1  # the client stopped reading: it saw enough
                    self.close_connection = True
                    return
                time.sleep(server.chunk_delay)
            chunk({}, reply.finish_reason)
            if reply.usage and body.get("stream_options", {}).get("include_usage"):
                chunk({}, None, self._usage(body, reply))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

        def _json(self, status: int, data: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            payload = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
            self._json(status, {"error": {"message": message, "type": "test_error", "code": status}}, headers)

    return Handler
