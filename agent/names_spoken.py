"""Names heard in the transcript: a capitalised word said while exactly one person is on
screen is offered as that person's name (`cutbot people`, and a name the viewer types that
no one has given yet), whatever way the viewer spells it ("Hoper" for Hopper, "norahs").
Kept apart from people.py, which resolves who a request means."""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cutbot.indexers import names_heard

from .lexical import STOP
from .traits import once, word_gender
from .typos import is_word

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class NameSuggestion:
    person: int
    name: str
    count: int
    example: str  # the sentence it was heard in


# A viewer's spelling of a heard name: "Hoper" for "Hopper", "norahs" for "Nora", "maya's".
# 0.85: one letter more, less or changed in a name of five letters or more ("hoper" 0.91,
# "norah" 0.89, "colins" 0.92), not two ("hope" for Hopper 0.80); the first letter must
# agree. On the dev films' heard names (Nora, Felix, Tom, Lena, Max, Grace, Hopper, Eileen,
# Collins) no name comes within 0.85 of another.
NAME_SPELLING = 0.85


def name_key(word: str) -> str:
    return re.sub(r"'s?$", "", word.strip().lower())


def spelled_as(word: str, name: str) -> bool:
    """Whether the viewer's ``word`` is the heard ``name`` (any case, possessive, a typo)."""
    w, n = name_key(word), name_key(name)
    if w == n:
        return True
    if len(w) < 4 or not n or w[0] != n[0]:
        return False
    return any(difflib.SequenceMatcher(None, v, n).ratio() >= NAME_SPELLING for v in {w, w.removesuffix("s")})


# Capitalised words that name nobody: the opening word of a sentence the transcript ran on
# without a full stop ("... took to school That's Grace Hopper. Yes, Ruby ...").
SPOKEN_NOT_NAMES = frozenset("i i'm i've i'll i'd is it this that there then they we you he she yes no oh ok okay "
                             "well so and but sorry thanks hello hi hey bye yeah".split())
_NOT_NAMES = SPOKEN_NOT_NAMES | frozenset("mr mrs ms dr sir god monday tuesday wednesday thursday friday saturday "
                                          "sunday january february march april may june july august september "
                                          "october november december english christmas easter".split())


# the words after a name that make it the subject of a sentence about that person (third person), not
# the one spoken to: English auxiliaries and linking verbs (a closed class), a possessive, a conjunction
THIRD = re.compile(r"^(?:'s|’s|\s+(?:is|was|has|had|will|would|can|could|did|does|says|said|and|or|isn't|"
                   r"wasn't|doesn't|didn't|won't|can't|thinks|wants|got|gets|told|went|loves)\b)")
SELF_INTRO = r"\b(?:I'm|I am|[Mm]y name is|[Mm]y name's|[Cc]all me)\s+"  # then the speaker's own name
_SELF = re.compile(SELF_INTRO + "$")


def _weight(before: str, after: str) -> float:
    """How well one hearing of a name while one person is on screen names them: a speaker who
    introduces themself (2), a name spoken of in the third person ("Clara is here with me",
    said over Dan's call: 0.5), else 1 ("That's Grace Hopper", "Thanks, Tom")."""
    return 2.0 if _SELF.search(before + " ") else 0.5 if THIRD.match(after) else 1.0


# A name takes no article: "The Plumber finally came" (a title-cased role) names nobody.
_ARTICLES = frozenset("the a an".split())


def name_suggestions(index: Index, names: Mapping[int, str]) -> list[NameSuggestion]:
    """Capitalised names spoken (or heard again: names_heard) while exactly one known person is on
    screen, most heard first, leaving out the ``names`` the viewer already gave (read once per
    index, names and names heard: every person query asks)."""
    key = ("people.name_suggestions", tuple(sorted(names.items())), names_heard.stamp(index))
    return list(once(index, key, lambda: _name_suggestions(index, names)))


def _name_suggestions(index: Index, names: Mapping[int, str]) -> list[NameSuggestion]:
    taken = {n.lower() for n in names.values()}
    tracks = [t for t in index.face_tracks if t.person]
    counts: dict[tuple[int, str], list[str]] = {}
    weights: dict[tuple[int, str], float] = {}
    for s in index.sentences:
        words = s.words or ()
        for k, w in enumerate(words):
            token = re.sub(r"[^\w'-]", "", w.text.strip())
            before = " ".join(x.text.strip() for x in words[:k])
            first = k == 0 or before.rstrip().endswith((".", "?", "!"))
            after = re.sub(r"[^\w'-]", "", words[k + 1].text.strip()) if k + 1 < len(words) else ""
            # "Eileen Collins was ...": an opening word that is no English word, run on into a name
            named_next = (after[:1].isupper() and after.lower() not in _NOT_NAMES and "'" not in token
                          and not w.text.strip()[-1:] in ",;:" and not is_word(token.lower()))
            if (not token[:1].isupper() or name_key(token) in _NOT_NAMES | STOP or token.lower() in taken
                    or word_gender(token) is not None  # "Mum's birthday": a person word, no name
                    or before.split()[-1:] and before.split()[-1].lower() in _ARTICLES  # "The Plumber came"
                    or first and not named_next):  # a sentence's first word alone proves no name
                continue
            t = (w.start + w.end) / 2
            on = {tr.person for tr in tracks if tr.start <= t <= tr.end}
            if len(on) == 1:
                key = (on.pop(), token)
                counts.setdefault(key, []).append(s.text.strip())
                tail = re.sub(r"^\W*[\w'-]+", "", w.text.strip())  # "Clara's", "Clara." or "Clara is"
                weights[key] = weights.get(key, 0.0) + _weight(before, token[len(name_key(token)):] or tail or " " + after)
    written = {name.lower() for _, name in counts}
    for name, lines in names_heard.heard(index).items():  # a name the first transcript missed, heard again
        for line in lines:  # a full name heard again names by each of its words, as one written does
            on = {tr.person for tr in tracks if tr.start < line.end and tr.end > line.start}
            for word in name.split() if len(on) == 1 else ():
                if word not in written | taken:
                    key = (next(iter(on)), word.title())
                    counts.setdefault(key, []).append(line.text)
                    weights[key] = weights.get(key, 0.0) + 1.0
    out = [NameSuggestion(pid, name, len(ex), ex[0]) for (pid, name), ex in counts.items()]
    return sorted(out, key=lambda x: (-weights[x.person, x.name], -x.count, x.person, x.name))
