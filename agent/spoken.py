"""How strongly a sentence must *mean* a topic it does not say, by what the viewer told us.

A topic said aloud (BM25 over stems, misheard words counted: agent/lexical.py) is strong
evidence on its own. A topic talked about in other words ("the forecast" for "cold and
windy with heavy rain", "his pet" for "my little dog loves to play") is found by meaning
alone (MiniLM), and meaning is generous: a theme sentence comes close to every animal.
How much meaning is enough depends on what the request says about the subject:

* "when they talk about X", "where someone mentions X" (a ``speech`` query): the viewer
  says X is *talked about*, so the film's speech is the only place to look and a weaker
  meaning counts, still above what topics absent from the film reach;
* "X", "the X bit" (``any``): X may be a thing on screen, a spoken topic or neither;
  a sentence must mean X strongly before it stands for X (TextModelOptions.speech_unsaid).

Both floors are absolute (they hold in any film); the film-relative calibration
(calibration.select) applies on top, so a topic also has to stand out from the film's
other sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calibration import TEXT
from .lexical import _DISCOURSE, WORD, topics

# Words that say the subject is *spoken* ("someone calls out a card", "the talk about
# soup"); lexical.SPEECH_WORDS also holds pronouns and "line", which point at nothing.
_TALK = frozenset(["talk", "talks", "talking", "talked", "say", "says", "saying", "said", "mention",
                   "mentions", "mentioned", "mentioning", "speak", "speaks", "speaking", "spoke",
                   "discuss", "discusses", "discussing", "discussed", "discussion", "conversation",
                   "chat", "chatting", "tell", "tells", "telling", "told", "explain", "explains",
                   "explaining", "explained", "narrator", "narration", "narrates", "speech"])

if TYPE_CHECKING:
    from .plan import Query


@dataclass(frozen=True)
class SpokenOptions:
    """MiniLM cosine floors for sentences that do not say the topic's words."""

    # A ``speech`` query: the film's best sentence for a topic it does not say must mean it
    # at least this much. Dev (`bench/speech_topics.py`, 3 dev films, main + outsider +
    # outsider2 speech requests): speech-worded topics absent from the film reach 0.29 at
    # most (gallery "football" .29, "Mr. Smith" .25, dev_film "weather" .21, "trains" .20,
    # "election" .17, "stock market" .11); speech-worded topics talked about in other
    # words reach 0.33-0.47 ("his pet" .33, "rail travel" .36, "gives directions" .41,
    # "forecast" .42, "playing cards" .42) and were lost at 0.45 (speech_unsaid). A thin
    # margin, measured, not a law; "any" queries keep 0.45 (absent things reach 0.41 there:
    # dev_film "bicycle" ~ the red motorbike line, "shark" ~ the fish under the sea).
    # Windows of two neighbouring sentences (the unit mean of their vectors, same script)
    # were measured and not adopted: they rarely mean a present topic more than its best
    # sentence does ("forecast" .40 vs .42, "his pet" .29 vs .33, "rail travel" .38 vs
    # .36) and lift the neighbours of every strong sentence.
    spoken_unsaid: float = 0.32


SPOKEN = SpokenOptions()


def unsaid_floor(query: Query, loose: bool = False, options: SpokenOptions = SPOKEN) -> float:
    """The meaning a sentence that does not say ``query``'s words needs to stand for it."""
    if loose:  # exclusions: recall first (TextModelOptions.speech_unsaid_loose)
        return TEXT.speech_unsaid_loose
    if query.modality == "speech" or (query.modality == "any" and talked_about(query.text)):
        return min(options.spoken_unsaid, TEXT.speech_unsaid)
    return TEXT.speech_unsaid


def talked_about(text: str) -> bool:
    """Whether the words of a query say its subject is spoken ("someone calls out a card")."""
    low = text.lower()
    return bool(_DISCOURSE.search(low)) or bool(_TALK.intersection(WORD.findall(low)))


def forms(topic: str) -> list[str]:
    """The topic as typed, then each noun phrase it names ("a playing card" -> "playing
    card"): a kind said aloud ("seven of clubs") must lean toward one of them. Dev
    (gallery, MiniLM): "seven of clubs" / "four queen of clubs" ~ "a playing card" .19/.21,
    ~ "playing card" .23/.22 (LexicalOptions.kind_meaning 0.22); the article and the
    viewer's other words only blur the noun."""
    return [topic] + [phrase for phrase, _ in topics(topic) if phrase != topic]
