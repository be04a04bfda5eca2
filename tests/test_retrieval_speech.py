"""Spoken topics must be said (BM25 + misheard words), quotes are found misheard, silence."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent.lexical import Transcript, content_words, stem
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.agent import NothingMatched
from fakes import DIM, WordHashEmbedder, make_index, run_plan

ANIMALS = {"giraffe", "giraffes", "animal", "animals", "dog", "dogs", "elephant", "zebra"}


class ThemeEmbedder(WordHashEmbedder):
    """Like a real embedding space: every animal word shares a theme direction, so a
    sentence about "all kinds of animals" comes close to "giraffes" without saying it."""

    def embed(self, texts):
        out = super().embed(texts)
        for i, text in enumerate(texts):
            if ANIMALS & set(text.lower().split()):
                out[i, DIM - 1] += 0.6 * np.linalg.norm(out[i])
                out[i] /= np.linalg.norm(out[i])
        return out

    embed_queries = embed


SCENES = [(0, 10, "title card"), (10, 20, "desk lamp"), (20, 30, "window rain"),
          (30, 40, "street night"), (40, 50, "empty room"), (50, 60, "city roofs")]
SENTENCES = [(1, 5, "today we look at all kinds of animals"),
             (12, 16, "the libarian stamps every book by hand"),  # ASR for "librarian"
             (22, 26, "nobody expect the quiet libarian"),  # ASR for "nobody expects ..."
             (32, 36, "tomorrow the weather brings heavy rain"),
             (52, 56, "mister smith will cook the dinner tonight")]


@pytest.fixture()
def index():
    idx = make_index(SCENES, SENTENCES)
    idx.sentence_vectors = ThemeEmbedder().embed([s for _, _, s in SENTENCES])
    return idx


def hits(index, query):
    emb = ThemeEmbedder()
    return np.flatnonzero(Scorer(index, emb, emb).score(query).mask).tolist()


def test_a_theme_sentence_does_not_match_an_animal_that_is_never_said(index):
    assert hits(index, Query(text="giraffes", modality="speech")) == []
    with pytest.raises(NothingMatched, match="nothing in the film matches 'giraffes'"):
        run_plan(index, emb=ThemeEmbedder(), include=[Query(text="giraffes")])


def test_a_topic_that_is_said_is_found_and_a_misheard_word_counts(index):
    assert hits(index, Query(text="animals", modality="speech")) == [0]
    assert hits(index, Query(text="librarian", modality="speech")) == [1, 2]
    assert hits(index, Query(text="talk about weather", modality="speech")) == [3]


def test_bm25_is_absolute_and_folds_verbs():
    t = Transcript(make_index(SCENES, SENTENCES).sentences)
    said = t.said("cooking dinner")
    assert said.argmax() == 4 and said[4] > 0.8 and said[:4].max() == 0
    assert t.said("cooking giraffes")[4] < 0.6  # half the words unsaid: half the evidence at most
    assert stem("cooking") == stem("cook") and stem("boiled") == "boil" and stem("cats") == "cat"
    assert content_words("the weddings") == content_words("wedding") == ["wed"]  # a plural as its singular


def test_a_quote_misheard_by_asr_is_found_over_the_word_timeline(index):
    assert hits(index, Query(text="nobody expects the quiet librarian", exact=True)) == [2]
    cut = run_plan(index, include=[Query(text="nobody expects the quiet librarian", exact=True)],
                   granularity="moment")
    assert cut.segments and cut.segments[0].start <= 22.0 + 1e-6 and cut.segments[-1].end >= 26.0 - 1e-6
    assert hits(index, Query(text="the red motorbike waits in the garage", exact=True)) == []


def test_a_name_nobody_on_screen_has_is_a_spoken_topic(index, tmp_path):
    from cutbot.indexers.schema import FaceTrack, Person

    index.root = str(tmp_path)
    index.people = [Person(1, 10.0, (1,), (0,), 0, ())]
    index.face_tracks = [FaceTrack(0, 1, 10.0, 20.0, (0,), 1)]
    emb = ThemeEmbedder()
    found = Scorer(index, emb, emb).score(Query(text="Mr. Smith", modality="person"))
    assert np.flatnonzero(found.mask).tolist() == [5]
    assert any("nobody on screen is called" in n for n in found.notes)


def test_the_parts_where_nobody_talks_hold_no_speech(index):
    """Silence as the subject: the shot nobody speaks in, not the pause after every line."""
    silence = Query.model_construct(text="the parts where nobody talks", modality="silence",
                                    weight=1.0, exact=False)
    cut = run_plan(index, include=[silence])
    spans = [(s.start, s.end) for s in cut.segments]
    assert spans == [(40.0, 50.0)]  # the empty room: no sentence at all
    for s0, e0, _ in SENTENCES:
        assert all(e <= s0 + 1e-6 or s >= e0 - 1e-6 for s, e in spans), (s0, spans)


def test_a_long_silence_inside_a_spoken_shot_counts_a_breath_does_not():
    idx = make_index([(0, 30, "long take"), (30, 40, "short take")],
                     [(1, 4, "a first line"), (20, 24, "a second line"), (31, 35, "a third line")])
    silence = Query.model_construct(text="no speech", modality="silence", weight=1.0, exact=False)
    spans = [(s.start, s.end) for s in run_plan(idx, include=[silence]).segments]
    assert len(spans) == 1 and spans[0][0] >= 4 - 1e-6 and spans[0][1] <= 20 + 1e-6  # 16 s of quiet
    assert spans[0][1] - spans[0][0] > 12  # the 5-6 s pauses after the lines are left out


def test_a_restriction_where_nobody_talks_keeps_the_short_quiet_of_its_subject(index):
    """"The lamp where nobody talks": the lamp's shot without its line, however short, when that
    is all the quiet the lamp has (edges.quiet_floor)."""
    silence = Query.model_construct(text="no speech", modality="silence", weight=1.0, exact=False)
    cut = run_plan(index, include=[Query(text="desk lamp", modality="visual"), silence], match="all")
    spans = [(s.start, s.end) for s in cut.segments]
    assert spans and all(10 - 1e-6 <= s and e <= 20 + 1e-6 for s, e in spans), spans
    assert all(e <= 12 + 1e-6 or s >= 16 - 1e-6 for s, e in spans)  # not the line at 12-16
    assert sum(e - s for s, e in spans) >= 3  # 2 s and 4 s gaps: shorter than silence_least


def test_words_that_point_at_talking_are_not_the_topic(index):
    """"When the librarian comes up", "every time someone brings up the weather": the
    pointer words are no unsaid topic words (they once halved the evidence: nothing found)."""
    from cutbot.agent.lexical import spoken_topic

    assert spoken_topic("garden comes up") == "garden"
    assert spoken_topic("someone brings up the space shuttle") == "the space shuttle"
    assert spoken_topic("said about playing cards") == "playing cards"
    assert spoken_topic("tomato soup") == "tomato soup" and spoken_topic("Mr. Smith") == "Mr. Smith"
    assert spoken_topic("narrator goes on about football") == "football"
    assert spoken_topic("somebody reads out playing cards") == "playing cards"
    assert hits(index, Query(text="librarian comes up", modality="speech")) == [1, 2]
    assert hits(index, Query(text="someone brings up weather")) == [3]
    assert hits(index, Query(text="giraffes come up", modality="speech")) == []  # still never said
