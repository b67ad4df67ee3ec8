"""The model API as the official Python SDKs use it: openai and ollama against Gatehouse.

    python sdk_e2e.py BASE_URL MODEL
    (the bearer token comes from GATEHOUSE_TOKEN, never from the command line)

Runs, through Gatehouse and a real engine: an OpenAI chat completion, a streamed one with
stream_options.include_usage, a forced tool call (streamed and not), a completion and an
embedding; Ollama chat (streamed and not, with a forced tool call translated to argument
objects), generate, embed, list, show, ps and version. Prints one JSON object of what it
observed; the Swift test asserts on it. A failure prints {"error": ...} and exits 1.
"""

import json
import os
import sys

import ollama
import openai

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The current weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
ASK = [{"role": "user", "content": "What is the weather in Paris?"}]


def openai_checks(base, token, model, seen):
    client = openai.OpenAI(base_url=base + "/v1", api_key=token, max_retries=0)
    raw = client.chat.completions.with_raw_response.create(
        model=model, messages=[{"role": "user", "content": "Say hello."}], max_tokens=16, temperature=0
    )
    chat = raw.parse()
    seen["route"] = raw.headers.get("x-gatehouse-route")
    seen["chat_text"] = chat.choices[0].message.content
    seen["chat_usage"] = [chat.usage.prompt_tokens, chat.usage.completion_tokens]

    pieces, usage = [], None
    for chunk in client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Count to five."}],
        max_tokens=16,
        temperature=0,
        stream=True,
        stream_options={"include_usage": True},
    ):
        if chunk.usage is not None:
            usage = [chunk.usage.prompt_tokens, chunk.usage.completion_tokens]
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
    seen["stream_text"] = "".join(pieces)
    seen["stream_usage"] = usage

    forced = {"type": "function", "function": {"name": "get_weather"}}
    call = client.chat.completions.create(
        model=model, messages=ASK, tools=[WEATHER], tool_choice=forced, max_tokens=64, temperature=0
    )
    calls = call.choices[0].message.tool_calls or []
    seen["tool_call"] = [calls[0].function.name, json.loads(calls[0].function.arguments)] if calls else None

    names, arguments = [], ""
    for chunk in client.chat.completions.create(
        model=model, messages=ASK, tools=[WEATHER], tool_choice=forced, max_tokens=64, temperature=0, stream=True
    ):
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or []:
                if delta.function and delta.function.name:
                    names.append(delta.function.name)
                if delta.function and delta.function.arguments:
                    arguments += delta.function.arguments
    seen["stream_tool_call"] = [names[:1], json.loads(arguments) if arguments else None]

    completion = client.completions.create(model=model, prompt="The capital of France is", max_tokens=8)
    seen["completion_text"] = completion.choices[0].text
    embedding = client.embeddings.create(model=model, input=["hello world", "good night"])
    seen["embeddings"] = [len(item.embedding) for item in embedding.data]
    seen["models"] = [entry.id for entry in client.models.list()]


def ollama_checks(base, token, model, seen):
    client = ollama.Client(host=base, headers={"Authorization": "Bearer " + token})
    answer = client.chat(model=model, messages=[{"role": "user", "content": "Say hello."}], options={"num_predict": 16})
    seen["ollama_chat"] = [answer.message.content, answer.done, answer.eval_count]
    parts = list(client.chat(model=model, messages=ASK, stream=True, options={"num_predict": 16}))
    seen["ollama_stream"] = [len(parts), parts[-1].done, parts[-1].prompt_eval_count]
    generated = client.generate(model=model, prompt="Say hello.", options={"num_predict": 8})
    seen["ollama_generate"] = [bool(generated.response), generated.done]
    seen["ollama_embed"] = [len(vector) for vector in client.embed(model=model, input=["a", "b"]).embeddings]
    seen["ollama_list"] = [entry.model for entry in client.list().models]
    shown = client.show(model)
    seen["ollama_show"] = [shown.details.family, shown.details.quantization_level]
    seen["ollama_ps"] = [entry.model for entry in client.ps().models]
    try:
        client.chat(model="no-such-model", messages=ASK)
        seen["ollama_missing"] = None
    except ollama.ResponseError as error:
        seen["ollama_missing"] = [error.status_code, error.error]


def main():
    base, model = sys.argv[1], sys.argv[2]
    token = os.environ["GATEHOUSE_TOKEN"]
    seen = {}
    try:
        openai_checks(base, token, model, seen)
        ollama_checks(base, token, model, seen)
        try:
            openai.OpenAI(base_url=base + "/v1", api_key="gth_wrong-token-0123456789abcdef", max_retries=0).models.list()
            seen["wrong_token"] = None
        except openai.AuthenticationError as error:
            seen["wrong_token"] = error.status_code
    except Exception as error:  # noqa: BLE001 - reported to the test, which names the step
        print(json.dumps({"error": f"{type(error).__name__}: {error}", "seen": seen}))
        sys.exit(1)
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
