"""How robust the rule parser is to phrasing: does the same request, said another way, parse the same?

    .venv/bin/python bench/robustness.py [--show K] [--limit N] [--json out.json]

Every dev request whose expect is "plan" goes through GENERIC meaning-preserving transforms,
each defined once and using no film's words: politeness and filler around it, frame nouns
("the bits with X" <-> "the moments with X"), case and end punctuation, one adjacent-letter
swap in the longest content word (a typo), "just"/"only" in front, numbers as digits <->
words. A pair is "kept" when both parse to the same plan (include/exclude query texts and
modalities, budget, order, window; compared lower-cased, with the typo word mapped back).
Parse only: no index, no models. Rows cannot be fitted here: the transforms are the
measure, and a fix must be a grammatical form to lift them. The held-out test films
(street, long_talk) are never read. The last line is ``invariance X (N pairs)``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Optional

from cutbot.agent import CutbotError
from cutbot.agent.intent import parse_request
from cutbot.agent.numbers import number_words
from cutbot.agent.plan import ConstraintPlan
from cutbot.agent.typos import is_word

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = ROOT / "bench" / "requests"
TEST_FILMS = ("street", "long_talk")  # held out: never opened here

#: imperative openings: a polite frame asks "could you keep ..." rather than "could you show me keep ..."
_VERB = re.compile(r"^(?:keep|show|give|make|cut|drop|remove|find|play|include|put|take|grab|pull"
                   r"|leave|skip|lose|get|trim|edit|start|open|end|begin|use|select|pick|collect|"
                   r"compile|assemble|delete|exclude|omit|ditch)\b", re.I)
#: openings a "just"/"only" in front would not read as the same request
_NO_ONLY = re.compile(r"^(?:only|just|everything|all|anything|no|not|without|except|but|nothing|"
                      r"cut|drop|remove|skip|lose|delete|exclude|omit|ditch|leave|make|reverse|"
                      r"the whole|whole|full)\b", re.I)
_STOP = frozenset("the a an and or but with of in on at to for from by about into over under "
                  "this that these those there where when who whom which what some any all "
                  "every each only just keep show scenes scene shots shot parts part bits bit "
                  "moments moment clips clip minutes minute seconds second hours hour".split())
#: frames that open a request; each group says the same thing (a "shot of" is of the picture)
_FRAMES = (("the bits with", "the parts with", "the moments with", "the scenes with", "scenes with",
            "bits with", "parts with", "moments with"),
           ("the bits where", "the parts where", "the moments where", "the scenes where",
            "scenes where", "bits where", "parts where", "moments where"),
           ("every shot of", "all the shots of", "shots of"))
_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"


def _say(n: int) -> str:
    """0-99 in words ("forty five" as people type it without the hyphen)."""
    return " ".join(number_words(n))


_WORDS = {_say(n): n for n in range(100)} | {_say(n).replace(" ", "-"): n for n in range(21, 100)}
_WORD_NUM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
                       + r")(\s+" + _UNITS + r")\b", re.I)
_DIGIT_NUM = re.compile(r"\b(\d{1,2})(\s*)(" + _UNITS + r")\b", re.I)


def _lead(text: str) -> str:
    """The request with its first letter lower-cased, to go after a frame; a name keeps its
    capital ("Grace Hopper", "Nora and ...": capitalised and followed by a capital, or no word)."""
    words = text.split()
    if not words or text[:2] == "I " or not words[0][:1].isupper():
        return text
    first = re.sub(r"\W+$", "", words[0]).lower()
    if (len(words) > 1 and words[1][:1].isupper()) or not is_word(first):
        return text
    return text[:1].lower() + text[1:]


#: a request that is a bare clause ("she kept a clock ...", a line said or a moment told) takes
#: no "could you show me" nor "only" in front: the result would not be English
_CLAUSE = re.compile(r"^(?:i|you|he|she|we|they|it|someone|somebody|no one|nobody|everyone|everybody)\s", re.I)


def _polite_could(t: str) -> Optional[str]:
    if _CLAUSE.match(t):
        return None
    return ("could you " if _VERB.match(t) else "could you show me ") + _lead(t)


def _polite_like(t: str) -> Optional[str]:
    if _CLAUSE.match(t):
        return None
    return ("i'd like you to " if _VERB.match(t) else "i'd like ") + _lead(t) + " please"


def _frame(t: str) -> Optional[str]:
    low = t.lower()
    for group in _FRAMES:
        for i, frame in enumerate(group):
            if low.startswith(frame + " "):
                return group[(i + 1) % len(group)] + t[len(frame):]
    return None


def _prefix(word: str) -> Callable[[str], Optional[str]]:
    return lambda t: None if _NO_ONLY.match(t) or _CLAUSE.match(t) else f"{word} {_lead(t)}"


def _typo_word(t: str) -> Optional[str]:
    """The longest content word outside quotes: the one a typo lands in."""
    unquoted = re.sub(r"[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]", " ", t)
    words = [w for w in re.findall(r"[A-Za-z]+", unquoted) if len(w) >= 5 and w.lower() not in _STOP]
    return max(words, key=len) if words else None


def _swap(word: str) -> str:
    """One adjacent-letter swap in the middle (never the first letter: typists seldom miss it)."""
    for i in range(len(word) // 2, len(word) - 1):
        if word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word


def _typo(t: str) -> Optional[str]:
    word = _typo_word(t)
    if not word or _swap(word) == word:
        return None
    return re.sub(rf"\b{word}\b", _swap(word), t, count=1)


#: a bare noun phrase ("the red kite", "the goats"): a frame or "only" can go around it
_BARE = re.compile(r"^the(?:\s+[a-z]+){1,3}$")
_LONG_UNIT = re.compile(r"(\d+\s*|\b[a-z]+ )(seconds|minutes)\b", re.I)
_QUOTED = re.compile(r"(\"[^\"]*\"|\u201c[^\u201d]*\u201d)")


def _outside_quotes(pattern: re.Pattern, repl: Callable, t: str) -> Optional[str]:
    """``pattern`` replaced outside quoted lines (a line said keeps its words)."""
    out = "".join(part if i % 2 else pattern.sub(repl, part) for i, part in enumerate(_QUOTED.split(t)))
    return out if out != t else None


def _digits(t: str) -> Optional[str]:
    return _outside_quotes(_WORD_NUM, lambda m: str(_WORDS[m.group(1).lower()]) + m.group(2), t)


def _words(t: str) -> Optional[str]:
    return _outside_quotes(_DIGIT_NUM, lambda m: _say(int(m.group(1))) + " " + m.group(3), t)


def _strip_end(t: str) -> str:
    return t.rstrip(" .!?")


#: name -> (family, transform); a transform returns None where it does not apply
TRANSFORMS: dict[str, tuple[str, Callable[[str], Optional[str]]]] = {
    "could you": ("polite", _polite_could),
    "i'd like .. please": ("polite", _polite_like),
    ".. thanks": ("polite", lambda t: _strip_end(t) + " thanks"),
    "hey, ..": ("polite", lambda t: "hey, " + _lead(t)),
    ".. pls": ("polite", lambda t: _strip_end(t) + " pls"),
    "um ..": ("polite", lambda t: "um " + _lead(t)),
    "please ..": ("polite", lambda t: "please " + _lead(t)),
    "can you ..": ("polite", lambda t: None if _CLAUSE.match(t) else
                   ("can you " if _VERB.match(t) else "can you give me ") + _lead(t)),
    "i want ..": ("polite", lambda t: None if _CLAUSE.match(t) else
                  ("i want you to " if _VERB.match(t) else "i want ") + _lead(t)),
    "all of it": ("polite", lambda t: "hey, could you " + ("" if _VERB.match(t) else "show me ")
                  + _lead(_strip_end(t)) + "? thanks" if not _CLAUSE.match(t) else None),
    "frame noun": ("frame", _frame),
    "frame added": ("frame", lambda t: "the moments with " + t if _BARE.match(t) else None),
    "lower case": ("case", lambda t: _lead(t).lower() if _lead(t).lower() != _lead(t) else None),
    "Sentence case": ("case", lambda t: t[:1].upper() + t[1:] if t[:1].islower() else None),
    "end .": ("case", lambda t: _strip_end(t) + "."),
    "end ?": ("case", lambda t: _strip_end(t) + "?"),
    "end !": ("case", lambda t: _strip_end(t) + "!"),
    "typo": ("typo", _typo),
    "just ..": ("only", _prefix("just")),
    "only ..": ("only", _prefix("only")),
    ".. only": ("only", lambda t: _strip_end(t) + " only" if _BARE.match(t) else None),
    ".. and nothing else": ("only", lambda t: _strip_end(t) + " and nothing else" if _BARE.match(t) else None),
    "digits": ("numbers", _digits),
    "short units": ("numbers", lambda t: _outside_quotes(_LONG_UNIT, lambda m: m.group(1) + m.group(2)[:3]
                                                         + "s", t)),
    "number words": ("numbers", _words),
}


def canonical(plan: ConstraintPlan, typo: Optional[tuple[str, str]] = None) -> dict:
    """What a viewer would call the same plan, lower-cased; ``typo`` maps (wrong, right) back."""
    def text(q) -> str:
        t = q.text.casefold()
        if typo:
            t = re.sub(rf"\b{re.escape(typo[0].casefold())}\b", typo[1].casefold(), t)
        return t

    def queries(qs) -> list:
        return sorted((text(q), q.modality) for q in qs)

    return {"include": queries(plan.include), "exclude": queries(plan.exclude),
            "duration": plan.duration.model_dump(), "order": plan.order,
            "window": plan.window.model_dump() if plan.window else None}


def dev_requests() -> list[str]:
    """Every dev request expecting a plan (the test films' files are not opened)."""
    out: list[str] = []
    for path in sorted(REQUESTS.glob("*.json")):
        if path.name.split(".")[0] in TEST_FILMS:
            continue
        data = json.loads(path.read_text("utf-8"))
        if data.get("split", "dev") != "dev":
            continue
        out += [r["request"] for r in data["requests"] if r.get("expect", "plan") == "plan"]
    return list(dict.fromkeys(out))


def _parse(text: str, typo=None) -> Optional[dict]:
    try:
        return canonical(parse_request(text), typo)
    except CutbotError:
        return None


def measure(requests: Iterable[str]) -> dict[str, list[tuple[str, str, bool]]]:
    """Transform name -> (original, transformed, kept) for every request it applies to."""
    pairs: dict[str, list] = defaultdict(list)
    for text in requests:
        base = _parse(text)
        if base is None:  # the parser gives up on the original: nothing to compare against
            continue
        for name, (_, transform) in TRANSFORMS.items():
            variant = transform(text)
            if not variant or variant == text:
                continue
            typo = None
            if name == "typo":
                word = _typo_word(text)
                typo = (_swap(word), word)
            pairs[name].append((text, variant, _parse(variant, typo) == base))
    return pairs


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print K failing pairs per transform")
    ap.add_argument("--limit", type=int, default=0, help="only the first N requests")
    ap.add_argument("--json", type=Path, help="write every pair here")
    args = ap.parse_args(argv)
    requests = dev_requests()
    if args.limit:
        requests = requests[:args.limit]
    pairs = measure(requests)
    total = kept = 0
    families: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, (family, _) in TRANSFORMS.items():
        rows = pairs.get(name, [])
        ok = sum(k for _, _, k in rows)
        total, kept = total + len(rows), kept + ok
        families[family][0] += ok
        families[family][1] += len(rows)
        rate = ok / len(rows) if rows else 1.0
        print(f"{family:8s} {name:20s} {rate:.3f} ({ok}/{len(rows)})")
        for orig, variant, _ in [r for r in rows if not r[2]][:args.show]:
            print(f"    {orig!r} -> {variant!r}")
            for label, text in (("was", orig), ("now", variant)):
                print(f"      {label}: {_parse(text)}")
    for family, (ok, n) in families.items():
        print(f"family {family:8s} {ok / n if n else 1.0:.3f} ({ok}/{n})")
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in pairs.items()}, indent=1))
    print(f"invariance {kept / total if total else 1.0:.3f} ({total} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
