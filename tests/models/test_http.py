"""drafter's HTTP client for OpenAI-compatible endpoints: what it sends is what the openai SDK sends, what it reads
is what the API defines (event streams in every legal shape), and what goes wrong is told apart."""

import socket
import threading

import pytest

from drafter.models import Listener, Policy
from drafter.models.http import BadReply, Endpoint, HttpStatus, NotHttp
from drafter.models.openai_backend import OpenAIModel
from tests.scripted_server import Reply, ScriptedServer

MESSAGES = [{"role": "system", "content": "你是写作助手"}, {"role": "user", "content": "写一句话：走访2848户"}]


@pytest.fixture
def server():
    started = ScriptedServer(responder=lambda body: Reply("走访困难职工2848户。")).start()
    yield started
    started.stop()


@pytest.mark.parametrize("stream", [True, False])
def test_the_request_is_the_one_the_openai_sdk_sends(server, stream):
    import openai

    policy = Policy(timeout=5, retries=0, temperature=0.3, stream=stream, stop=("<|im_end|>",), repeat_penalty=1.1)
    ours = OpenAIModel("test-model", base_url=server.url, api_key="sk-test-abcdef", policy=policy)
    answer = ours.execute(MESSAGES, max_tokens=64, listener=Listener())
    theirs = openai.OpenAI(api_key="sk-test-abcdef", base_url=server.url, max_retries=0)
    extra = {"stream": True, "stream_options": {"include_usage": True}} if stream else {}
    made = theirs.chat.completions.create(
        model="test-model", messages=MESSAGES, temperature=0.3, stop=["<|im_end|>"], max_tokens=64,
        extra_body={"repeat_penalty": 1.1, "repeat_last_n": 128}, **extra,
    )  # fmt: skip
    if stream:
        text = "".join(chunk.choices[0].delta.content or "" for chunk in made if chunk.choices)
    else:
        text = made.choices[0].message.content
    mine, sdk = server.chat_requests()
    assert mine.body == sdk.body  # the same JSON, parameter for parameter
    assert mine.headers["authorization"] == sdk.headers["authorization"] == "Bearer sk-test-abcdef"
    assert mine.headers["content-type"] == "application/json"
    assert answer.text == text == "走访困难职工2848户。"
    assert answer.prompt_tokens is not None and answer.finish_reason == "stop"


def serve_once(payload: bytes) -> str:
    """A one-shot server that answers any request with `payload`, as bytes on the wire; its address."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.sendall(payload)
        connection.close()
        listener.close()

    threading.Thread(target=answer, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/v1"


def sse(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + body


@pytest.mark.parametrize(
    "body",
    [
        b'data: {"n": 1}\n\ndata: {"n": 2}\n\ndata: [DONE]\n\n',
        b'data: {"n": 1}\r\n\r\ndata:{"n": 2}\r\n\r\ndata: [DONE]\r\n\r\n',  # CRLF, and no space after the colon
        b': keep-alive\n\nevent: message\ndata: {"n":\ndata: 1}\n\ndata: {"n": 2}\n\n',  # comment, split data
        b'data: {"n": 1}\n\ndata: {"n": 2}',  # the last event without its blank line
    ],
    ids=["plain", "crlf", "comments and split data", "no final blank line"],
)
def test_every_legal_shape_of_an_event_stream_is_read(body):
    events = list(Endpoint(serve_once(sse(body)), "k", 5).stream("/chat/completions", {}))
    assert events == [{"n": 1}, {"n": 2}]


def test_what_goes_wrong_is_told_apart():
    with pytest.raises(NotHttp):
        Endpoint(serve_once(b"SSH-2.0-OpenSSH_9.2\r\n"), "k", 5).get("/models")
    with pytest.raises(BadReply):
        Endpoint(serve_once(sse(b"data: \xff\xfe\n\n")), "k", 5).stream("/x", {}).__next__()
    with pytest.raises(BadReply):
        body = b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n<html>busy</html>"
        Endpoint(serve_once(body), "k", 5).get("/models")
    refused = b'HTTP/1.1 429 Too Many\r\nRetry-After: 3\r\nContent-Length: 29\r\n\r\n{"error": {"message": "slow"}}'
    with pytest.raises(HttpStatus) as status:
        Endpoint(serve_once(refused), "k", 5).post("/chat/completions", {})
    assert status.value.status == 429 and status.value.headers["retry-after"] == "3"
    for address in ("file:///etc/passwd", "ftp://example.org/v1"):  # never a file read, never another protocol
        with pytest.raises(OSError, match="unknown url type"):
            Endpoint(address, "k", 5).get("/models")
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    with pytest.raises(ConnectionRefusedError):
        Endpoint(f"http://127.0.0.1:{port}/v1", "k", 5).get("/models")


def test_no_answer_within_the_timeout_is_a_timeout(server):
    server.latency = 1.0
    with pytest.raises(TimeoutError):
        Endpoint(server.url, "k", 0.3).post("/chat/completions", {"model": "m", "messages": MESSAGES})
