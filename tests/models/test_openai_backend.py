"""The openai backend against the scripted server: retries, backoff, adaptation, errors, and no key in messages."""

import pytest

from drafter.errors import ModelError
from drafter.models import Policy
from drafter.models.openai_backend import OpenAIModel
from tests.scripted_server import Reply, ScriptedServer

MESSAGES = [{"role": "user", "content": "写一句话"}]


class Recorder:
    def __init__(self):
        self.texts, self.retries = [], []

    def text(self, delta):
        self.texts.append(delta)

    def retry(self, reason, wait):
        self.retries.append((reason, wait))


@pytest.fixture
def endpoint():
    server = ScriptedServer(responder=lambda body: Reply("走访困难职工2848户。")).start()
    yield server
    server.stop()


def model_for(server, *, key="sk-test-abcdef", stream=True, retries=2, sleeps=None, timeout=2.0):
    policy = Policy(timeout=timeout, retries=retries, backoff=0.5, temperature=0.3, stream=stream)
    sleep = sleeps.append if sleeps is not None else (lambda seconds: None)
    return OpenAIModel("test-model", base_url=server.url, api_key=key, policy=policy, sleep=sleep)


def test_streams_text_and_usage(endpoint):
    recorder = Recorder()
    completion = model_for(endpoint).execute(MESSAGES, max_tokens=100, listener=recorder)
    assert completion.text == "走访困难职工2848户。" and "".join(recorder.texts) == completion.text
    assert completion.finish_reason == "stop" and completion.completion_tokens == len(completion.text)
    [request] = endpoint.chat_requests()
    assert request.body["max_tokens"] == 100 and request.body["temperature"] == 0.3


def test_without_streaming(endpoint):
    completion = model_for(endpoint, stream=False).execute(MESSAGES, max_tokens=None, listener=Recorder())
    assert completion.text == "走访困难职工2848户。" and completion.prompt_tokens is not None
    assert "stream" not in endpoint.chat_requests()[0].body


def test_backoff_doubles_and_retry_after_is_honoured(endpoint):
    endpoint.queue(Reply(status=500), Reply(status=502), Reply(status=429, retry_after=7))
    sleeps, recorder = [], Recorder()
    model = model_for(endpoint, retries=3, sleeps=sleeps)
    assert model.execute(MESSAGES, max_tokens=10, listener=recorder).text
    assert len(endpoint.chat_requests()) == 4
    assert sleeps == [0.5, 1.0, 7.0]
    assert [str(reason).split(" (")[0] for reason, _ in recorder.retries] == [
        "server error",
        "server error",
        "rate limited",
    ]


def test_retries_run_out_with_a_model_error(endpoint):
    endpoint.queue(*[Reply(status=503, error="overloaded")] * 3)
    with pytest.raises(ModelError) as caught:
        model_for(endpoint, retries=2).execute(MESSAGES, max_tokens=10, listener=Recorder())
    assert caught.value.message == f"{endpoint.url}: server error (503): overloaded (after 3 attempts)"
    assert caught.value.exit_code == 3


@pytest.mark.parametrize(
    ("parameter", "message", "renamed"),
    [
        (
            "max_tokens",
            "Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead.",
            "max_completion_tokens",
        ),
        ("temperature", "Unsupported value: 'temperature' does not support 0.3 with this model.", None),
    ],
)
def test_refused_parameters_are_adapted_once(endpoint, parameter, message, renamed):
    endpoint.reject = {parameter: message}
    model = model_for(endpoint)
    assert model.execute(MESSAGES, max_tokens=50, listener=Recorder()).text
    assert model.execute(MESSAGES, max_tokens=50, listener=Recorder()).text
    first, second, third = endpoint.chat_requests()
    assert parameter in first.body and parameter not in second.body and parameter not in third.body
    if renamed:
        assert second.body[renamed] == 50


def test_other_bad_requests_are_not_retried(endpoint):
    endpoint.reject = {"messages": "messages must not be empty"}
    with pytest.raises(ModelError, match="the request was refused: messages must not be empty"):
        model_for(endpoint).execute(MESSAGES, max_tokens=10, listener=Recorder())
    assert len(endpoint.chat_requests()) == 1


def test_unknown_model_says_how_to_find_the_right_one(endpoint):
    endpoint.queue(Reply(status=404, error="The model `gpt-9` does not exist"))
    with pytest.raises(ModelError) as caught:
        model_for(endpoint).execute(MESSAGES, max_tokens=10, listener=Recorder())
    assert "model 'test-model' or the API path was not found (404)" in caught.value.message
    assert "drafter doctor lists the endpoint's models" in caught.value.hint


def test_an_echoed_key_is_scrubbed_from_messages(endpoint):
    endpoint.queue(Reply(status=400, error="invalid key sk-test-abcdef for project"))
    with pytest.raises(ModelError) as caught:
        model_for(endpoint).execute(MESSAGES, max_tokens=10, listener=Recorder())
    assert "sk-test-abcdef" not in caught.value.message and "***" in caught.value.message


def test_lists_models(endpoint):
    assert model_for(endpoint).list_models() == ["test-model"]
