"""Each line's score for a spoken topic and whether it may count (its gate): the topic's
meaning and its words said aloud, weighed by what the viewer said of it (spoken.py), less the
lines that only seem to say it (a modifier, a sibling, a relative, a sound-alike), plus the
lines that talk about it again once it is surely found (``again``)."""
from __future__ import annotations

from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np

from .calibration import KEYWORD_BONUS, TEXT, select
from .lexical import LEXICAL, SPEECH_WORDS, Transcript, content_words, spoken_topic as lexical_topic, topics
from .relatives import other_kind_said, pictured_kind_said, relative_said
from .roles import other_person_said
from .spoken import (SPOKEN, SpokenOptions, forms, in_their_words, message_subject, modifier_only, names_a_thing,
                     other_sense_said, sibling_said, undescribed, unsaid_floor)
from .talk import GATE_AGAIN, GATE_OK, as_talk, clearly_named_other, echoes, in_other_names, other_names_meaning, speech_act
from .traits import first_names, surname
from .typos import is_word

if TYPE_CHECKING:
    from cutbot.indexers.schema import TextEmbedder
    from .plan import Query


def sentence_scores(vectors: np.ndarray, text: TextEmbedder, transcript: Transcript, query: Query,
                    loose: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's score for a spoken topic (meaning plus its words said aloud) and
    whether it may count: a sentence that says none of the topic's words (not even
    misheard) counts only when it means the topic strongly enough (``unsaid_floor``)."""
    typed = lexical_topic(query.text)  # "when the garden comes up" -> "the garden"
    topic = undescribed(typed)  # "list off playing cards" -> "playing cards": what is said
    subject = message_subject(topic)  # "the match result" -> "the match": what it is about
    spoken_floor = not loose and unsaid_floor(query) < TEXT.speech_unsaid
    talk = SPOKEN.talk_form.format(topic) if spoken_floor else None
    texts = list(dict.fromkeys([typed] + forms(topic) + [subject] + ([talk] if talk else [])))
    near = vectors @ text.embed(texts).T
    talk_sem = near[:, texts.index(talk)] if talk else None
    if talk:  # not a form of the topic: the register only weighs the gate (``talk_form``)
        near = np.delete(near, texts.index(talk), axis=1)
        texts = texts[:-1]
    sem = near[:, 0]
    if not loose:  # an exclusion keeps the words typed: "card" alone leans .2 toward a greeting card line
        sem = np.maximum(sem, np.maximum(near[:, texts.index(topic)], near[:, texts.index(subject)]))
    # a kind of the topic said aloud ("ten of clubs" for "playing cards"), in a sentence that leans toward it; for
    # exclusions a kind of any of its nouns ("card game"); in talk about a thing, a kind the pictures say ("his pet": a dog)
    pictured = pictured_kind_said(transcript, topic) if query.modality == "speech" and names_a_thing(topic) else 0.0
    kinds = np.maximum(transcript.kinds_said(topic, loose=loose), pictured) * (near.max(axis=1) >= LEXICAL.kind_meaning)
    said = np.maximum(transcript.said(topic), LEXICAL.kind_credit * kinds)
    # the nouns said, when the topic also has words that name no noun ("early computing"): a viewer's
    # modifier is rarely said, and a word never said weighs most, so "computers" alone said a third
    # of the topic. Dev: speech F1 0.812 -> 0.831 ("early computing", "the famous painting" 0 -> 1).
    nouns = " ".join(phrase for phrase, _ in topics(topic))
    if nouns and set(content_words(nouns)) < set(content_words(topic)):
        said = np.maximum(said, transcript.said(nouns))
    # "the new apartment" said "the new flat"; "grace hopper" said "Hopper" (traits.surname)
    for other in in_their_words(transcript, topic) + [n for n in [surname(topic)] if n]:
        said = np.maximum(said, transcript.said(other))
    gate = (said >= LEXICAL.said_floor) | (as_talk(sem, talk_sem) >= unsaid_floor(query, loose))
    raw = sem + KEYWORD_BONUS * said
    acted = speech_act(transcript, topic)  # the act itself: each line that does it, only those
    if acted.any():
        return np.where(acted, max(float(raw.max()), TEXT.speech_floor), raw), acted * np.int8(GATE_OK + GATE_AGAIN)
    if loose and not ((said >= LEXICAL.said_floor) | (sem >= TEXT.speech_unsaid)).any():  # "drop the holiday stuff"
        sem = np.maximum(sem, clearly_named_other(vectors, text, topic))
        raw = sem + KEYWORD_BONUS * said
        gate = (said >= LEXICAL.said_floor) | (as_talk(sem, talk_sem) >= unsaid_floor(query, loose))
    if loose:
        return raw, gate
    other_sense, names = read_otherwise(vectors, text, transcript, topic, said, kinds)
    gate &= ~other_sense
    if not (select(raw, TEXT.speech_floor)[0] & gate).any():  # nothing in the viewer's word
        sem = np.maximum(sem, other_names_meaning(vectors, text, names))
        if talk_sem is not None:  # the other name in the register of talk too
            talk_sem = np.maximum(talk_sem, other_names_meaning(vectors, text, names, SPOKEN.talk_form))
        gate = (said >= LEXICAL.said_floor) | (as_talk(sem, talk_sem) >= unsaid_floor(query, loose))
        raw = sem + KEYWORD_BONUS * said
    refused = other_sense | modifier_only(vectors, text, transcript, topic, said, kinds)
    refused |= (misheard := transcript.misheard_only(topic)) & (sem < TEXT.misheard_meaning)  # "rained" is no train
    refused |= sibling_said(vectors, text, transcript, topic, said, kinds) | relative_said(vectors, text, transcript, topic, said, kinds)
    refused |= other_kind_said(transcript, topic)  # "football match" said is no "rugby match"
    refused |= other_person_said([s.text for s in transcript.sentences], topic, said >= LEXICAL.said_floor)
    if names_only(topic):  # a first name means nothing a line could say instead ("hana" ~ "...Beth..." .34)
        refused |= said < LEXICAL.said_floor
    refused |= addresses(transcript) & (said < LEXICAL.said_floor)  # "I'm Nora." means no kitty
    gate &= ~refused
    echo = echoes(transcript, topic, raw, sem, gate, ~refused)
    if unsaid_floor(query) >= TEXT.speech_unsaid:  # maybe a thing on screen: the sure lines, and those saying each word
        # again ("So, the kitchen." .78 cut "Back to the kitchen, we found old tiles..."; "tonight" of "what to cook
        # tonight" is no recurrence). Dev 7820: long_dev kitchen rows, F1 .8560 -> .8568, 34 up, 1 down.
        heard = np.logical_and.reduce([transcript.said(w) >= LEXICAL.said_floor for w in content_words(topic)])
        spoken = again(raw, sem, gate, ~refused & heard & ~misheard)
        return raw, (gate.astype(np.int8) * GATE_OK) | echo | spoken
    wordy = transcript.lengths >= SPOKEN.again_words
    return raw, (gate.astype(np.int8) * GATE_OK + again(raw, sem, gate, ~refused & wordy)) | echo


def read_otherwise(vectors: np.ndarray, text: TextEmbedder, transcript: Transcript, topic: str,
                   said: np.ndarray, kinds: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The lines that read the viewer's word in another sense (``other_sense_said``) where
    another name of its usual sense is clearly talked about elsewhere (TEXT.speech_unsaid:
    "vacation" ~ "I'm off on a summer trip" .54), and those other names (``in_other_names``).
    Where nothing speaks of the usual sense, a line of the other sense may be what the viewer
    means ("Big rabbit wakes up" for "the bunny", whose commonest sense is a bunny girl)."""
    names = in_other_names(text, topic)
    candidates = other_sense_said(vectors, text, transcript, topic, said, kinds) if names else None
    if candidates is None or not candidates.any():
        return np.zeros(len(said), bool), names
    usual = other_names_meaning(vectors, text, names) >= TEXT.speech_unsaid
    return candidates & ~usual & usual.any(), names


def again(raw: np.ndarray, sem: np.ndarray, gate: np.ndarray, allowed: np.ndarray,
          options: SpokenOptions = SPOKEN) -> np.ndarray:
    """GATE_AGAIN where a sentence is the topic talked about again (search keeps it past the
    relative cut and the unsaid floor): once a sentence is a sure hit, another that stands out
    from the film's background (z_min) and relates to the topic (TEXT.speech_floor) is the
    same talk elsewhere (``again_words``, ``again_false``). Only for a topic said to be talk (the
    spoken unsaid floor): for "the cat" a line that stands out is as often about a neighbour of
    the picture."""
    hit, z = select(raw, TEXT.speech_floor)
    if not (hit & gate & (raw >= TEXT.speech_unsaid)).any():  # not surely in the film (again_z): nothing recurs
        return np.zeros(len(raw), np.int8)
    need = max(options.again_z, NormalDist().inv_cdf(1 - options.again_false / max(len(raw), 1)))
    again_ = allowed & ~(hit & gate) & (z >= need) & (sem >= TEXT.speech_floor)
    return again_.astype(np.int8) * GATE_AGAIN


def addresses(transcript: Transcript, most: int = 2) -> np.ndarray:
    """Lines that are a name and little else ("I'm Nora.", "Thanks, Hana."): their meaning is the
    name's, so they stand for no topic they do not say."""
    return np.array([len(d) <= most and any(map(_a_name, d)) for d in transcript.docs], bool)


def names_only(topic: str) -> bool:
    """Whether a topic is nothing but first names that are no English word ("hana", "hana's
    lines", "what clara says"; not "rose", "grace" or "summer", which a line may mean)."""
    words = [w.rstrip("'’") for w in content_words(topic) if w not in SPEECH_WORDS]
    return bool(words) and all(map(_a_name, words))


def _a_name(word: str) -> bool:
    """A first name that is no English word ("hana", not "rose" or "tom")."""
    return word in first_names() and not is_word(word)
