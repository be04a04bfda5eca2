"""Word shapes: the forms an inflected English word may come from, in one place.

The talk frames ask whether "nattering" is a form of a talk verb and the typo fixer
whether "animals" is a word: both need the bases an ending may be stripped to, and two
copies of that rule had drifted (one knew "stories" -> story, the other "quickly" -> quick).
``lexical.stem`` stays apart on purpose: it folds a word to ONE stem for word matching,
where a list of guesses would match too much.

Also the lists of subject pronouns: whoever a clause says acts ("when THEY plan the
trip", "what ONE makes for supper"), whose next word is what they do, never the topic.
"""
from __future__ import annotations

from functools import lru_cache

#: whoever a request may say talks ("when someone mentions X", "while they're talking", "what
#: we say about X"): one list for every talk pattern (asides, grammar, frames, subjects), each
#: adding only what its own grammar allows ("the narrator", "his mum")
TALKERS = ("someone", "somebody", "anyone", "anybody", "everyone", "everybody", "people", "they", "he", "she",
           "we", "you")
TALKER = "(?:%s)" % "|".join(TALKERS)
#: who acts in a clause, for frames.clause_topic and lexical.spoken_topic alike
SUBJECT_PRONOUNS = frozenset("""they he she we you i it one someone somebody everyone everybody people
    themselves""".split())
# Regular inflections, longest ending first: an ending and what may stand in its place.
# ("chats" -> chat; "rambles" -> ramble by its "es", never "rambls" -> ramble by its "s").
_INFLECTIONS = (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",)))
# Endings that make another word of a word ("quickly", "talker", "fastest"), for the
# question "is this an English word" only: a talker is no verb of talking.
_DERIVATIONS = (("ly", ("",)), ("er", ("", "e")), ("est", ("", "e")))


@lru_cache(maxsize=16384)
def bases(word: str, derived: bool = False) -> tuple[str, ...]:
    """``word`` (lower case, quotes stripped) and the forms it may come from, itself first:
    "nattering" -> natter, "rambled" -> ramble, "chatting" -> chat, "stories" -> story;
    with ``derived`` also "quickly" -> quick, "talker" -> talk. Guesses, not one answer:
    a caller keeps those its dictionary knows."""
    w = word.lower().strip("'")
    out = [w]
    for suffix, ends in _INFLECTIONS + (_DERIVATIONS if derived else ()):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[:-len(suffix)]
            out += [stem + e for e in ends]
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # chatting -> chat (not "passes" -> pas)
            if suffix == "es" and stem.endswith("i"):
                out.append(stem[:-1] + "y")  # stories -> story
    return tuple(dict.fromkeys(out))
