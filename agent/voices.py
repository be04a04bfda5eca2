"""Who speaks: requests about a voice ("everything Nora says", "Felix's lines", "when the
women talk", "the man's voice", "cut the narrator") answered by the voices the words name
(voice_naming.py); "all three of them chat" are the shots where that many main voices speak."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import addressed, described, heard_again, seen_hits, speakers
from .hits import QueryHits, line_hits, shot_of
from .labels import FILLER
from .plan import Query
from .seen_said import SPEAKING
from .speakers import Named
from .talk import speaks_of_a_speech
from .traits import asked_gender, ungendered
from .voice_naming import NAMING, VoiceNaming, has_voices, named_voices, voiced_faces  # noqa: F401 - voices' API
from .word_forms import COMPLAINING, POSSESSIVE

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

_VOICE_NOUN = r"(?:voices?|lines?|bits|parts|words|dialogue|speech|narration|(?:phone\s+)?calls?)"  # "hana's calls": a caller's lines
_TALKS = (r"(?:opens? (?:his|her|their) mouth|says?|said|saying|talks?|talking|talked|speaks?|speaking|spoke|"
          r"narrates|narrating|chats?|chatting|chatted|argues|arguing|rambles|rambling|(?:is\s+|are\s+)?(?:talking|speaking)"
          rf"|{COMPLAINING}|gossip(?:s|ing|ed)?)")  # "felix moaning about money": his lines about money
# "every line Tom says" reaches here as "line tom says" (the quantifier read off): the noun leads
_FORM = re.compile(rf"^(?:all\s+|only\s+|just\s+|everything\s+|whatever\s+|anything\s+)?(?:(?:every\s+|the\s+)?(?:lines?|words?|things?)\s+(?:that\s+)?)?"
                   rf"(?:the\s+)?(?P<who>[a-z][a-z0-9' ]*?)"
                   rf"(?:(?:'s|s'|’s)\s+{_VOICE_NOUN}|\s+{_VOICE_NOUN}|\s+{_TALKS}|(?:'s|’s)"
                   r"|(?:'s|’s|\s+is)?\s+on\s+the\s+(?:phone|line))$", re.I)  # "hana's on the phone": her voice

_NARRATOR = frozenset(["narrator", "narration", "narrator's voice", "voiceover", "voice-over", "voice over"])


@dataclass(frozen=True)
class VoiceAsk:
    """What a query asks of the voices: the voice ids and how they were named, and the
    topic when only that voice's lines about something are asked ("what Nora says about
    the trip")."""

    voices: frozenset[int]
    why: str
    topic: str = ""
    name: str = ""  # the voice's name when the words named it


# "what Nora says about the trip", "Felix talking about food", "Maya's part of the planning"
_ABOUT = re.compile(rf"^(?:what\s+|where\s+|when\s+|the\s+(?:bits?|parts?)\s+where\s+)?(?:the\s+)?(?P<who>[a-z]+)"
                    rf"(?:\s+(?:{_TALKS}|goes\s+on|went\s+on)\s+(?:about|on|of)\s+"
                    rf"|(?:'s|’s)\s+(?:part|parts|bit|bits|lines?|side|words)\s+(?:of|about|on|in)\s+)"
                    rf"(?P<topic>.+)$", re.I)
_POSSESSIVE = re.compile(r"^(?P<who>[a-z]+)(?:'s|’s)\s+(?P<topic>[a-z].+)$")
#: "hana's calls", "dan's choir talk": what the person says; any other noun after a speaker's name
#: is a story of theirs that everyone talks about ("hana's driving test": the friends asking how
#: it went too; and her voice may be mistaken for another), so it is answered as a topic
_SAID = FILLER | frozenset(["call", "calls", "remark", "remarks", "comment", "comments", "contribution",
                            "contributions", "talk", "talks", "chat", "chats", "chatter", "line", "lines",
                            "word", "words", "voice", "side", "say", "input", "views", "thoughts", "news"])
#: "Owen with his camera", "Dan in the car": what is seen with the person, no topic of their talk
_SEEN_WITH = re.compile(rf"(?:{speakers.SEEN_WITH}|on|and)\b")


def voice_ask(index: Index, query: Query, scorer=None) -> VoiceAsk | None:
    """The voices ``query`` asks for; None for no voice, no voices index, or none named so."""
    if query.exact or query.modality in ("silence", "visual") or not has_voices(index) or (
            query.modality == "speech" and described.talked_about(named_voices(index), query.text)):  # "their dad"
        return None
    if query.text.endswith(SPEAKING):  # "what the man in the bow tie says": his face's voice, else the one his words tell
        seen = speakers.face_voices(index, named_voices(index), query.text, scorer) or described.told(
            index, named_voices(index), query.text.removesuffix(SPEAKING), _about(index, scorer))
        return VoiceAsk(*seen) if seen else None
    text = query.text.strip().rstrip(".!?").strip()
    low = text.lower()
    m = _form(index, text)  # "the guy who joined a choir's lines": a speaker asked
    desc = described.describe(text) or (described.describe(f"{m.group('who')} says") if m else None)
    found = desc and described.answer(index, desc, named_voices(index), _about(index, scorer), NAMING,
                                      lambda who: speakers.face_voices(index, named_voices(index), who, scorer))
    if found:  # "the female speaker's lines", "felix's sister", "the cat owner"
        return VoiceAsk(found[0], found[1], name=found[2])
    about = _ABOUT.match(text)
    if about:  # a voice's lines about a topic: the voice, then the topic among its lines
        ask = voice_ask(index, query.model_copy(update={"text": about.group("who"), "modality": "speech"}))
        if ask is None or not ask.name:
            return None  # only a named voice narrows a topic ("the women talking about X" stays a topic)
        return VoiceAsk(ask.voices, ask.why, about.group("topic").strip(), ask.name)
    who = (m.group("who").strip().lower() if m else None)
    if who is None:
        who = re.sub(r"^(?:the\s+)", "", low)  # "Felix's" read as speech, "Nora" as a person
        who = re.sub(r"(?:'s|’s)$", "", who)
    if not who:
        return None
    named = named_voices(index)
    who = re.sub(r"^the\s+", "", who)
    if who in _NARRATOR:
        return None if named.narrator is None else VoiceAsk(frozenset([named.narrator]),
                                                            "the narrator: the voice that speaks most")
    who = re.sub(rf"^{POSSESSIVE}\s+", "", who)  # "his colleague": the colleague
    poss = _POSSESSIVE.match(who) if m is None else None
    if poss and (poss.group("who") in named.role_voices or poss.group("who") in named.names):  # "the sister's job"
        words = poss.group("topic").split()
        # "nora's the rain" is what the parser leaves of "nora's bit about the rain": her lines
        if words[-1] not in _SAID and not re.match(rf"(?:the|a|an|this|that|{POSSESSIVE})$", words[0]):
            return None  # "hana's driving test": the story, whoever tells it (the words answer)
        ask = voice_ask(index, query.model_copy(update={"text": poss.group("who"), "modality": "speech"}))
        return VoiceAsk(ask.voices, ask.why, poss.group("topic").strip(), ask.name) if ask and ask.name else None
    if who not in named.names and who not in named.roles and who not in named.role_voices:
        who = next((n for n in named.names if addressed.sounds_like(who, n)), who)  # "norahs lines", "hana"
    name = named.roles.get(who, who)
    if name not in named.names and who in named.role_voices:  # a role whose name was not heard
        voices, why = speakers.joined(index, named, who, named.role_voices[who])
        return VoiceAsk(frozenset(voices), f"the {who}'s voice: {why}", name=who)
    if name in named.names:
        voices, why = speakers.joined(index, named, name, named.names[name])
        if query.modality == "person" and speakers.face_named(index, name):
            return None  # "scenes with X" when X is also a face: the face answers
        role = f"the {who} is {name.title()}; " if name != who else ""
        return VoiceAsk(frozenset(voices), f"{name.title()}'s voice: {role}" + _why(named, voices, why), name=name)
    if m is None and query.modality == "any":  # "Felix" or "Felix overspending": a voice's name
        first, _, rest = who.partition(" ")
        if first in named.names and not speakers.face_named(index, first) and not _SEEN_WITH.match(rest):
            voices, why = speakers.joined(index, named, first, named.names[first])
            return VoiceAsk(frozenset(voices), f"{first.title()}'s voice: " + _why(named, voices, why),
                            rest.strip(), first)
    face = _roster_voices(index, named, name) if m is not None or query.modality == "speech" else None
    if face is None and m is not None and " " in who:  # "the bow tie guy's lines": the face it picks out
        face = VoiceAsk(*seen) if (seen := speakers.face_voices(index, named, who, scorer)) else None
    if face is not None:  # "Alice's lines" where the viewer named a face Alice: the voices tied to it
        return face
    # a bare gender word ("the women") asks for a voice only when speech is asked, or (the parser reads
    # "when the woman speaks" as "woman") when the film shows its speakers (speakers.py): her voice
    shown = m is None and query.modality == "any" and bool(speakers.speaker_ties(index, named).face)
    if m is None and query.modality != "speech" and not shown:
        return None
    sex = asked_gender(who, pronouns=not shown)  # "her lines": a voice request has no other person word
    if sex is None or ungendered(who):  # "female", "woman's" and "the women" are all a gender
        return None
    voices = frozenset(k for k, g in named.gender.items() if g == sex)
    shown_why = "; the film shows its speakers, so the person is their voice" if shown else ""
    return VoiceAsk(voices, described.gender_why(sex, NAMING.female_hz) + shown_why) if voices else None


def _form(index: Index, text: str) -> re.Match | None:
    """``_FORM``'s reading of a voice asked, but "Owen's speech" where the film speaks of a speech
    is that speech, no voice (as talk.all_talk reads "the speech")."""
    m = _FORM.match(text)
    return None if m and text.lower().endswith("speech") and speaks_of_a_speech(s.text for s in index.sentences) else m


def _unheard(index: Index, query: Query) -> QueryHits | None:
    """No hits (so "nothing matches") for a voice asked by a first name the film never says
    ("everything Sophie says"), when no face was given that name either (addressed.py)."""
    m = _form(index, query.text.strip().rstrip(".!?").strip())
    given = {n.lower() for n in speakers.given_names(index).values()} if getattr(index, "people", None) else set()
    if query.exact or query.modality in ("silence", "visual") or m is None \
            or not addressed.unheard_name(index, re.sub(r"^the\s+", "", m.group("who").strip()), given):
        return None
    why = f"voice: nobody in the film is called '{m.group('who').strip()}' or heard so"
    return QueryHits(query, np.full(len(index.shots), np.nan), tuple(() for _ in index.shots), (why,))


def _about(index: Index, scorer):
    """Each sentence's score for a spoken topic where its gate lets it count, else 0; None without a scorer."""
    if scorer is None or not hasattr(scorer, "transcript") or len(index.sentence_vectors) != len(index.sentences):
        return None

    def about(topic: str) -> np.ndarray:
        raw, gate = heard_again.sentence_scores(index, scorer.transcript, scorer.text, Query(text=topic, modality="speech"))
        return np.where(gate > 0, np.maximum(raw, 1e-6), 0.0)
    return about


def _roster_voices(index: Index, named: Named, name: str) -> VoiceAsk | None:
    """The voices tied (speakers.py) to the face the viewer gave ``name`` (or to "person 2"), when the
    words name no voice so."""
    if not getattr(index, "people", None):
        return None
    numbered = re.fullmatch(r"person\s+(\d+)", name)
    pid = int(numbered.group(1)) if numbered else \
        next((k for k, n in speakers.given_names(index).items() if n.lower() == name), None)
    ties = speakers.speaker_ties(index, named)
    voices = ties.by_face.get(pid) if pid is not None else None
    if not voices:
        return None
    said = f"person {pid}'s voice: " if numbered else \
        f"{name.title()}'s voice: you named person {pid} {name.title()}, and "
    return VoiceAsk(voices, said + ties.face_why[pid], name=name)


def _why(named: Named, voices: set[int], why: str) -> str:
    """The reason with the speaker's pronoun: "themselves" when the pitch said no gender."""
    sexes = {named.gender.get(x) for x in voices} - {None}
    return why.replace("{self}", "herself" if sexes == {"f"} else "himself" if sexes == {"m"} else "themselves")


def _topic_spans(index: Index, ask: VoiceAsk, scorer, loose: bool) -> list[tuple[float, float]]:
    """Where ``scorer`` hears the topic in the voices' lines; loose only where the strict reading finds none of them."""
    said = Query(text=re.sub(rf"^{POSSESSIVE}\s+", "a ", ask.topic), modality="speech")  # "his speech": a speech of his
    topic = scorer.score(said, loose=loose)
    spans = [(e.start, e.end) for evs in topic.evidence for e in evs if e.modality in ("speech", "exact")]
    mine = [(s.start, s.end) for s, v in zip(index.sentences, index.voices.voice) if v in ask.voices]
    if hasattr(scorer, "transcript") and len(index.sentence_vectors) == len(index.sentences):
        # a shot's evidence is its best line: the voice's own line on the topic there counts too
        _, gate = heard_again.sentence_scores(index, scorer.transcript, scorer.text, said, loose)
        spans += [(s.start, s.end) for k, (s, v) in enumerate(zip(index.sentences, index.voices.voice))
                  if v in ask.voices and gate[k] and topic.mask[shot_of(index, (s.start + s.end) / 2)]]
    return spans if any(a < d and b > c for a, b in spans for c, d in mine) else []


def voice_hits(index: Index, query: Query, scorer=None, opts: VoiceNaming = NAMING) -> QueryHits | None:
    """Per-shot hits of the sentences spoken by the voices ``query`` asks for (spans of those
    sentences, like speech hits), or None when the query asks for no voice. A topic asked
    with the voice keeps the voice's lines that ``scorer`` finds the topic in (None when
    there are none: the words then answer as before)."""
    if not opts.enabled or not has_voices(index):
        return None
    named, ask_of = named_voices(index), lambda q: voice_ask(index, q, scorer)
    seen = seen_hits.relation(index, query, named, lambda q: voice_hits(index, q, scorer, opts), ask_of) \
        or speakers.seen_speaker(index, query, named) \
        or seen_hits.alone(index, query, named, ask_of, opts.main_share, opts.in_shot_s, opts.z)
    if seen is not None:
        return seen
    ask = ask_of(query)
    if ask is None:
        return speakers.together(index, query, named, opts.main_share, opts.in_shot_s, opts.z) or _unheard(index, query)
    if ask.topic and scorer is None:
        return None
    keep = (_topic_spans(index, ask, scorer, loose=False) or _topic_spans(index, ask, scorer, loose=True)
            if ask.topic else None)
    about = f" about '{ask.topic}'" if ask.topic else ""
    heard = line_hits(index, query, ((s, f"{ask.why}: '{s.text.strip()}'") for s, v in zip(index.sentences, index.voices.voice)
                                     if v in ask.voices and (keep is None or any(a < s.end and b > s.start for a, b in keep))),
                      opts.z, (f"voice: {ask.why}{about}",))
    if keep is not None and not heard.mask.any():
        return None
    return speakers.seen_or_heard(index, query, heard, named, ask.name) if ask.name else heard
