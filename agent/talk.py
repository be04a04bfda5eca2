"""Talk found by what the film itself carries, where the viewer's words fall short.

* "keep all the talk", "just the dialogue": the subject is that someone speaks, every line of
  the film, not a topic to find among them (the film-relative calibration would find nothing
  standing out of a flat score);
* a topic the film never says in the viewer's word may be said in another name of the same
  sense ("holiday" in its usual WordNet sense is a vacation): read only then, as every extra
  reading also lifts lines that do not mean the topic;
* a speech act ("the introductions") is the lines that do it, read from the transcript's
  own cue (a speaker naming someone), not lines that mean the act's name;
* a topic talked about in two places is tied by the names the film says in both ("Norway").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .frames import TALK_ONLY
from .calibration import CALIBRATION, TEXT, select
from .evidence import Evidence
from .hits import QueryHits
from .lexical import WORD, _lemma, content_words, stem, synonyms, topics

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cutbot.indexers.schema import Shot, TextEmbedder

    from .lexical import Transcript
    from .plan import Query


GATE_OK, GATE_AGAIN = 1, 2  # sentence_scores' gate: may be a hit; a hit past the relative cut (``again``)


@dataclass(frozen=True)
class TalkOptions:
    """How near another name of a topic's sense must be to the viewer's word."""

    # Another name of a topic noun's usual sense counts for meaning when MiniLM puts it at
    # least this near the noun (``in_other_names``): the two sources agree on the sense.
    # Measured pairs: holiday/vacation .64, job/occupation .59, job/business .58, greeting/
    # salutation .57, weather/atmospheric condition .57 kept; match/lucifer .24, job/line .43,
    # apartment/flat .23, directions/way .27, forecast/prognosis .29 left out.
    synonym_agree: float = 0.5
    # A topic noun names the act of introducing people (WordNet 3.0 "intro, introduction,
    # presentation": the act of presenting someone) when that sense is among its first this
    # many: "intro" (1st), "introductions" (3rd); not "presentation" (6th: a talk, a show).
    act_senses: int = 3
    # ... a name said in at most this many lines: a main character named all through a long
    # film is a person, no topic. Dev: 3 to 99 give the same rows; 1-2 lose "Norway" (3 lines).
    echo_df: int = 3


TALK = TalkOptions()


def all_talk(query: Query, transcript: Transcript | None = None) -> bool:
    """Whether the subject is the talk itself ("all the talk", "the dialogue"), no topic. Dev:
    interview "no silent scenes please, keep all the talk" 0.11 -> 1.0, no other row moved.
    "The speech" in a film whose lines say "speech" is the one they speak of (a wedding speech)."""
    text = query.text.strip()
    if query.exact or query.modality not in ("any", "speech") or not TALK_ONLY.fullmatch(text):
        return False
    return transcript is None or not _A_SPEECH.fullmatch(text) or not speaks_of_a_speech(s.text for s in transcript.sentences)


_A_SPEECH = re.compile(r"(?:the\s+)?speech", re.I)  # a count noun too: an address given
_SPEECH_SAID = re.compile(r"\bspeech(?:es)?\b", re.I)


def speaks_of_a_speech(lines: Iterable[str]) -> bool:
    """Whether the film's lines speak of a speech (an address given: "I have to give a speech"):
    then "the speech" and "Owen's speech" are that one, not all the talk nor a voice."""
    return any(_SPEECH_SAID.search(line) for line in lines)


def talk_hits(shots: Sequence[Shot], transcript: Transcript, query: Query) -> QueryHits:
    """Where someone talks: every line of each shot, as sure as a silence is (z_min)."""
    return _spans_hits(shots, query, lambda shot: [
        (f'"{s.text.strip()}"', max(s.start, shot.start), min(s.end, shot.end), (s.start + s.end) / 2)
        for s in transcript.sentences if s.end > shot.start and s.start < shot.end])


def _spans_hits(shots: Sequence[Shot], query: Query, spans_of) -> QueryHits:
    """Sure hits (z_min) at the spans ``spans_of(shot)`` gives: (detail, start, end, at)."""
    per_shot = [tuple(Evidence("speech", 1.0, CALIBRATION.z_min, d, at, a, b, query.text)
                      for d, a, b, at in spans_of(shot)) for shot in shots]
    strength = np.array([CALIBRATION.z_min if evs else np.nan for evs in per_shot], dtype=float)
    return QueryHits(query, strength, tuple(per_shot))


# A speaker naming someone to the others: "I'm Tom", "my name is Nora", "this is my sister,
# Maya", "meet Felix" (a capitalised name, as the recogniser writes names; not "I'm so tired").
# No first-names list checks the word here, so only unambiguous cues (not "it's": "it's Monday").
_NAMED = re.compile(r"\b(?:I'm|I am|[Mm]y name is|[Mm]y name's|[Cc]all me|[Mm]eet|[Tt]his is(?:\s+my\s+[a-z]+,?)?)"
                    r"\s+[A-Z][a-z]+\b")


#: a speaker leaving or greeting, in the formulas English says it with: "Good night, Nora.",
#: "See you on Sunday.", "I have to go now.", "It's getting late."; "Hello Nora.", "Hi everyone".
_PARTING = re.compile(r"\b(?:good[- ]?bye|bye(?:[- ]bye)?|good ?night|see (?:you|ya)|take care|farewell|so long|cheerio"
                      r"|(?:have|got|need) to go|gotta go|must go|I(?:'m| am) off|getting late)\b", re.I)
_GREETING = re.compile(r"\b(?:hello|hi|hey|hiya|howdy|good (?:morning|afternoon|evening)"
                       r"|(?:nice|pleased|good) to (?:meet|see) you)\b", re.I)
#: a voice telling the way, as a sat nav or a passer-by does: "Go forward ten meters.", "Turn
#: left after the bridge.", "Take the second exit.", "In 200 metres, keep right."
_ROUTE = re.compile(r"\b(?:(?:go|head|drive|walk|keep going)\s+(?:forwards?|straight(?:\s+on|\s+ahead)?|ahead)"
                    r"|turn\s+(?:left|right|around)|keep\s+(?:left|right)|take\s+the\s+(?:first|second|third|next|\d+(?:st|nd|rd|th))"
                    r"\s+(?:left|right|exit|turning)|you\s+have\s+(?:arrived|reached)|continue\s+straight)\b", re.I)
#: the speech acts a topic may name (WordNet 3.0 senses of the anchor words, how many of each
#: word's first senses count), words no dictionary here holds that name it, and the cue of a
#: line that does the act. The way told counts by a topic word's FIRST sense only: "the
#: directions" (a way: its first), never "the way she talks" (a manner first) nor "the cooking
#: instructions" (a manual first).
_ACTS = (((("intro", 1),), None, _NAMED), ((("goodbye", 1), ("farewell", 2)), None, _PARTING),
         ((("hello", 1), ("greeting", 1)), None, _GREETING),
         ((("direction", 1), ("navigation", 1), ("route", 1), ("gps", 1)),
          re.compile(r"\bsat[- ]?navs?\b|(?:\bwhich\s+|^)way\s+to\s+(?:go|turn|drive|head)\b", re.I), _ROUTE))  # "tells you which way to go"


def names_act(topic: str, anchors, options: TalkOptions = TALK, words: re.Pattern | None = None) -> bool:
    """Whether the topic is the act the ``anchors`` name: introducing people ("the intro", "the
    introductions", "when they introduce themselves": a verb read as its noun, introduc-e ->
    introduc-tion), leaving ("the goodbyes", "when they say bye", "the farewells") or greeting
    ("the hellos", "the greetings") or telling the way ("the directions", "the sat nav", ``words``:
    a first sense only). Dev: dialogue "the intro where everyone says hi" 0 -> 1.0;
    "goodbye first then the intros" 0.55 -> 1.0 ("Good night, Nora. See you on Thursday.")."""
    acts = {i for word, n in anchors for i in _lemma(word)[:n]}
    senses = 1 if words is not None else options.act_senses
    return bool(words and words.search(topic)) or any(acts.intersection(_lemma(noun)[:senses])
                                                       for word in WORD.findall(topic.lower()) for noun in _nominals(word))


def _nominals(word: str) -> list[str]:
    """The word and the nouns English makes of it as a verb: "introduces" -> "introduction"."""
    base = stem(word)
    return list(dict.fromkeys([word, base, (base[:-1] if base.endswith("e") else base) + "tion"]))


def speech_act(transcript: Transcript, topic: str) -> np.ndarray:
    """Per sentence, whether it is the speech act the topic names, read from the transcript's
    own cue: for introductions, a speaker naming someone ("Hello, I'm Tom."); for goodbyes and
    greetings, their formulas. MiniLM reads the act name poorly ("introductions" ~ "I'm Lena and
    I'm happy to be here" < .2, "goodbye" ~ "Good night, Nora" .29); a film where nobody does the
    act gives nothing here and the topic is read as any other."""
    for anchors, words, cue in _ACTS:
        if names_act(topic, anchors, words=words):
            return np.array([bool(cue.search(s.text)) for s in transcript.sentences], bool)
    return np.zeros(len(transcript.sentences), bool)


def other_names_meaning(vectors: np.ndarray, text: TextEmbedder, names: list[str], form: str = "{}") -> np.ndarray:
    """Per sentence, how much it means the topic under another name of one of its nouns
    (``in_other_names``); -1 where there is none. Asked only when the film says nothing of the
    topic in the viewer's own word: every extra reading also lifts lines that do not mean it.
    Dev (bench/quality.py --split dev, 769 requests), other names always read: dev_film
    "the part about the weather" (absent) found by "weather condition", sample "tomorrows
    weather" 1.0 -> 0.65, dialogue "granny" (grandmother...) 1.0 -> 0; only as a fallback:
    dialogue "Maya's part of the holiday planning" 0 -> 1 ("vacation"), no other row moved.
    ``form`` puts each name in a register (SpokenOptions.talk_form), as the topic's own is;
    ``names``: ``in_other_names`` of the topic, read once by the caller for both registers."""
    named = [form.format(n) for n in names]
    if not named:
        return np.full(len(vectors), -1.0)
    return (vectors @ text.embed(named).T).max(axis=1)


def as_talk(sem: np.ndarray, talk: np.ndarray | None) -> np.ndarray:
    """What a talk topic's gate weighs: its words' meaning and its talk form's, on average (``talk_form``)."""
    return sem if talk is None else (sem + talk) / 2


def clearly_named_other(vectors: np.ndarray, text: TextEmbedder, topic: str) -> np.ndarray:
    """Per sentence, its meaning of the topic under another name where some line clearly means
    that name (TEXT.speech_unsaid: "vacation" ~ "I'm off on a summer trip"), else -1: an
    exclusion whose word no line says or clearly means leaves out the talk under its other name."""
    other = other_names_meaning(vectors, text, in_other_names(text, topic))
    return other if (other >= TEXT.speech_unsaid).any() else np.full(len(vectors), -1.0)


def in_other_names(text: TextEmbedder, topic: str, options: TalkOptions = TALK) -> list[str]:
    """The topic with a one-word noun swapped for another name of its usual WordNet sense
    that the embedding also reads as near (``synonym_agree``): meaning only, as the viewer's
    word may lean toward a sense the viewer does not mean ("holiday": a day off, a trip)."""
    out = []
    for phrase, _ in topics(topic):
        # "lawn tennis" for "tennis" only qualifies the word typed: its modifier alone ("lawn" ~ "the garden") is no name
        names = [n for n in synonyms(phrase) if phrase.lower() not in n.lower().split()] if " " not in phrase else []
        if not names:
            continue
        vecs = text.embed([phrase] + names)
        for n, v in zip(names, vecs[1:]):
            if float(vecs[0] @ v) >= options.synonym_agree:
                out.append(re.sub(rf"\b{re.escape(phrase)}\b", n, topic.lower()))
    return out


def echoes(transcript: Transcript, topic: str, raw: np.ndarray, sem: np.ndarray, gate: np.ndarray,
           allowed: np.ndarray, options: TalkOptions = TALK) -> np.ndarray:
    """GATE_AGAIN where a line names what a sure hit names (a capitalised name: "Norway" in
    "did you book your trip to Norway" and in "walking in the mountains in Norway") and relates
    to the topic (TEXT.speech_floor): the same talk elsewhere, told by the film's own words
    where the viewer's word is said once. Dev (bench/quality.py --split dev, 769 requests):
    interview "when they plan the trip" 0.67 -> 1.0, "the trip talk, start with the booking
    bit" 0.52 -> 0.83, no other row moved. Shared rare WORDS instead of names were measured and
    not adopted: "will" (a noun in WordNet) tied the sample film's two weather lines, "train"
    a misheard "rain" to rail travel (0.60 -> 0.42), and the gallery's painting rows lost."""
    out = np.zeros(len(raw), np.int8)
    hit = select(raw, TEXT.speech_floor)[0] & (gate > 0)
    if not hit.any():
        return out
    own = set(content_words(topic))
    names = {w.lower() for i in np.flatnonzero(hit) for w in _PROPER.findall(transcript.sentences[i].text)}
    rare = {w for w in names if w not in own and len(transcript.tf.get(w, ())) <= options.echo_df}
    for i in np.flatnonzero(allowed & ~hit & (sem >= TEXT.speech_floor)):
        if rare.intersection(WORD.findall(transcript.sentences[i].text.lower())):
            out[i] = GATE_AGAIN
    return out


_PROPER = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")  # a capitalised word inside a sentence: a name


def timeline_hits(shots: Sequence[Shot], transcript: Transcript, query: Query) -> QueryHits:
    """Where nobody talks (a ``silence`` query) or where anybody does ("all the talk")."""
    return talk_hits(shots, transcript, query) if all_talk(query, transcript) else silence_hits(shots, transcript, query)


def silence_hits(shots: Sequence[Shot], transcript: Transcript, query: Query) -> QueryHits:
    """Where nobody talks: the stretches of each shot outside every sentence."""
    return _spans_hits(shots, query, lambda shot: [
        ("nobody talks", a, b, (a + b) / 2) for a, b in transcript.silences(shot.start, shot.end)])
