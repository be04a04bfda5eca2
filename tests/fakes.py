"""Hand-made indexes and word-hashing embedders for fast planner and chat tests."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from cutbot.indexers.looks import LOOK_FIELDS
from cutbot.indexers.schema import FaceTrack, Frame, MediaInfo, Person, Sentence, Shot, Word
from cutbot.indexers.settings import cutbot_home

DIM = 512


def _slot(word: str) -> int:
    return int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM


class WordHashEmbedder:
    """Texts sharing words are similar; unrelated texts are near-orthogonal."""

    name = "word-hash"
    dim = DIM

    def embed(self, texts):
        out = np.zeros((len(texts), DIM), np.float32)
        for i, text in enumerate(texts):
            for w in re.findall(r"[a-z]+", text.lower()):
                out[i, _slot(w.rstrip("s"))] += 1.0
            out[i] += 0.01  # a shared background, like a real embedding space
            out[i] /= np.linalg.norm(out[i])
        return out

    embed_queries = embed


@dataclass
class FakeIndex:
    media: MediaInfo
    shots: list
    sentences: list
    frames: list
    frame_vectors: np.ndarray
    sentence_vectors: np.ndarray
    models: dict = field(default_factory=dict)
    # what a real Index has too (indexers/store.py), so the product reads it plainly:
    # its folder under the test's CUTBOT_HOME (a temp dir), and no faces by default
    root: str = field(default_factory=lambda: str(cutbot_home() / "indexes" / "fake"))
    faces: list = field(default_factory=list)
    face_tracks: list = field(default_factory=list)
    people: list = field(default_factory=list)
    faces_indexed: bool = False
    frame_looks: np.ndarray = field(default_factory=lambda: np.zeros((0, len(LOOK_FIELDS)), np.float32))  # no claim
    voices: object = None  # no voices: no claim


def make_index(scenes, sentences=(), duration=None, frames_every=2.0) -> FakeIndex:
    """scenes: [(start, end, "visible words")]; sentences: [(start, end, "text")]."""
    emb = WordHashEmbedder()
    shots = [Shot(i, s, e) for i, (s, e, _) in enumerate(scenes)]
    frames, texts = [], []
    for shot, (s, e, what) in zip(shots, scenes):
        t = s + 0.5
        while t < e:
            frames.append(Frame(len(frames), round(t, 3), shot.index, ((what, 0.9),)))
            texts.append(what)
            t += frames_every
    sents = [Sentence(i, s, e, text, tuple(_words(s, e, text)))
             for i, (s, e, text) in enumerate(sentences)]
    end = duration or scenes[-1][1]
    media = MediaInfo("film.mp4", end, Fraction(25), 854, 480, True, True, "h264", "aac", 1, "f" * 64)
    return FakeIndex(media, shots, sents, frames, emb.embed(texts),
                     emb.embed([s.text for s in sents]) if sents else np.zeros((0, DIM), np.float32))


def _unregistered(text: str) -> str:
    """A topic in the register of talk (SpokenOptions.talk_form) without that register, so a
    toy film's written-down meanings hold for it unless a test writes its own."""
    from cutbot.agent.spoken import SPOKEN

    head, _, tail = SPOKEN.talk_form.partition("{}")
    return text[len(head):len(text) - len(tail)] if text.startswith(head) and text.endswith(tail) else text


class MeaningEmbedder(WordHashEmbedder):
    """Texts in ``means`` get a vector with exactly those cosines to the sentences of a
    ``sentence_film`` (a MiniLM reading written down); other texts are word-hashed."""

    def __init__(self, means: dict[str, list[float]]):
        self.means = means  # kept, not copied: a test may change a cosine while it runs

    def embed(self, texts):
        out = super().embed(texts)
        for i, text in enumerate(texts):
            text = text if text in self.means else _unregistered(text)  # a topic as talk reads as the topic
            if text in self.means:
                c = np.array(self.means[text])
                v = np.zeros(DIM, np.float32)
                v[:len(c)] = c
                v[len(c)] = np.sqrt(max(0.0, 1 - float(c @ c)))
                out[i] = v
        return out

    embed_queries = embed


def sentence_film(sentences, duration=None) -> FakeIndex:
    """One 10 s shot per sentence, each sentence's vector its own axis (for MeaningEmbedder)."""
    idx = make_index([(10 * k, 10 * k + 10, f"s{k}") for k in range(len(sentences))],
                     [(10 * k + 1, 10 * k + 5, line) for k, line in enumerate(sentences)], duration=duration)
    idx.sentence_vectors = np.eye(len(sentences), DIM, dtype=np.float32)  # one axis per sentence
    return idx


def _words(start, end, text):
    words = text.split()
    step = (end - start) / max(1, len(words))
    return [Word(w, start + i * step, start + (i + 1) * step) for i, w in enumerate(words)]


def run_plan(index, emb=None, people=None, **plan):
    """Plan a cut of a hand-made index with the word-hash embedder (and a people hook)."""
    from cutbot.agent.plan import ConstraintPlan
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer

    emb = emb or WordHashEmbedder()
    return plan_cut(ConstraintPlan(**plan), index, "test", Scorer(index, emb, emb, people=people))


def shots_found(index, text, modality="any", emb=None, **fields):
    """The shots a query finds in a hand-made index (word-hash embedder unless ``emb``), and
    why; ``text`` is the query's text (with ``modality`` and other Query ``fields``) or a Query."""
    from cutbot.agent.plan import Query
    from cutbot.agent.search import Scorer

    emb = emb or WordHashEmbedder()
    query = text if isinstance(text, Query) else Query(text=text, modality=modality, **fields)
    hits = Scorer(index, emb, emb).score(query)
    return np.flatnonzero(hits.mask).tolist(), " ".join(e.detail for evs in hits.evidence for e in evs)


@dataclass
class SpokenFilm:
    """A ``sentence_film`` and how much each text means each of its sentences: the speech tests'
    toy film, its MeaningEmbedder and the shots a query finds in it (one helper, not a copy a file)."""

    sentences: list[str]
    means: dict[str, list[float]]  # kept, not copied: a test may change a cosine while it runs

    def meaning(self) -> MeaningEmbedder:
        return MeaningEmbedder(self.means)

    def index(self) -> FakeIndex:
        return sentence_film(self.sentences)

    def shots(self, index, text, modality="any") -> list[int]:
        return shots_found(index, text, modality, emb=self.meaning())[0]


def people_film(scenes, sentences, root, tracks) -> FakeIndex:
    """A hand-made index with people: ``tracks`` are (shot, start, end, person) face tracks;
    each person's screen time, shots and tracks are read from them (ids from 1)."""
    import dataclasses

    idx = dataclasses.replace(make_index(scenes, sentences), root=str(root))
    idx.face_tracks = [FaceTrack(k, shot, a, b, (k,), pid) for k, (shot, a, b, pid) in enumerate(tracks)]
    mine = {pid: [t for t in idx.face_tracks if t.person == pid] for pid in sorted({t[3] for t in tracks})}
    idx.people = [Person(pid, round(sum(t.end - t.start for t in ts), 3), tuple(sorted({t.shot for t in ts})),
                         tuple(t.index for t in ts), pid - 1, ()) for pid, ts in mine.items()]
    return idx


def three_people(scenes, sentences, root) -> FakeIndex:
    """Five 10 s shots and three people: person 1 in shots 1-2, person 2 in shots 0 and 3,
    person 3 alone in shot 4 (the people rules' toy film)."""
    return people_film(scenes, sentences, root, [(0, 2.0, 9.0, 2), (1, 10.0, 19.0, 1), (2, 21.0, 30.0, 1),
                                                 (3, 31.0, 38.0, 2), (4, 42.0, 48.0, 3)])


def words_of(index):
    """Every (start, end) word span of a hand-made index."""
    return [(w.start, w.end) for s in index.sentences for w in s.words]


# A ten-scene film of car chases and other places, for conversation, chat and session tests.
TOY_SCENES = [(0, 10, "red car chase street"), (10, 20, "beach sand waves"),
              (20, 30, "kitchen table plates"), (30, 40, "red car chase bridge"),
              (40, 50, "forest trees"), (50, 60, "mountain snow"), (60, 70, "red car chase tunnel"),
              (70, 80, "city night lights"), (80, 90, "desert dunes"), (90, 100, "office desk")]
TOY_SENTENCES = [(21, 25, "we need to talk about the money"),
                 (41, 44, "the treasure is buried here"), (71, 75, "follow that taxi")]


def fake_editor(film=None):
    """An Editor over the toy index (word-hash embedder); its media path is ``film``."""
    import dataclasses

    from cutbot.agent.editor import Editor
    from cutbot.agent.search import Scorer

    index = make_index(TOY_SCENES, TOY_SENTENCES)
    if film is not None:
        index.media = dataclasses.replace(index.media, path=str(film))
    emb = WordHashEmbedder()
    return Editor(index, Scorer(index, emb, emb))


def assert_one_line_error(result, *words: str) -> None:
    """A CLI failure: non-zero exit, exactly one `cutbot: error:` line, no traceback."""
    assert result.exit_code != 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("cutbot: error:"), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]


def scenes_where(truth: dict, field: str, value: str) -> tuple[list, list]:
    """(start, end) of the truth scenes whose ``field`` list holds ``value``, and of the others."""
    inside = [(s["start"], s["end"]) for s in truth["scenes"] if value in s.get(field, [])]
    others = [(s["start"], s["end"]) for s in truth["scenes"] if value not in s.get(field, [])]
    return inside, others


def scenes_kept(film, truth, request, least: float) -> list[int]:
    """The ids of the truth scenes that the cut ``request`` makes of ``film`` (real models)
    covers for at least ``least`` seconds each."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    spans = [(s.start, s.end) for s in Editor.load(film).ask(request).segments]
    return [sc["id"] for sc in truth["scenes"] if overlap(spans, [(sc["start"], sc["end"])]) >= least]


#: two toy films sharing subjects (a cut across them) and each with its own
TOY_LIBRARY = {"alpha.mp4": [(0, 10, "tabby cat"), (10, 20, "espresso"), (20, 30, "Egyptian Mau"),
                             (30, 40, "mountain bike"), (40, 50, "espresso")],
               "bravo.mp4": [(0, 10, "mountain bike"), (10, 20, "tabby cat"), (20, 30, "seashore"),
                             (30, 40, "tabby cat"), (40, 50, "lakeside")]}


def toy_library_films(tmp_path) -> list:
    """``TOY_LIBRARY`` as loaded library films (toy indexes under tmp_path, word-hash models)."""
    import dataclasses

    from cutbot.agent.library_plan import LibraryFilm
    from cutbot.agent.search import Scorer
    films = []
    for n, (name, scenes) in enumerate(TOY_LIBRARY.items(), 1):
        index = dataclasses.replace(make_index(scenes), root=str(tmp_path / name))
        index.media = dataclasses.replace(index.media, path=f"/films/{name}", fingerprint=str(n) * 64)
        emb = WordHashEmbedder()
        films.append(LibraryFilm(index, Scorer(index, emb, emb)))
    return films
