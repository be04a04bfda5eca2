"""Names asked that the transcript never wrote are listened for again, once, and name voices.

Unit: which queries ask for a name; a line heard again stands in for the line it overlaps
only when the rest of its words agree; an address inside a longer line is read; a film that
cannot be heard again is left as it was. Real path: an espeak film whose man is named only by
the woman's addresses, indexed with the real models, listened to again with the real decoder
(the name heard where it is said, a name nobody says heard nowhere), then "everything dan says"."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from cutbot.agent import addressed
from cutbot.agent.plan import Query
from cutbot.indexers import names_heard
from cutbot.indexers.schema import Sentence, Word


@pytest.mark.parametrize("text, who, name", [
    ("Dan", None, "dan"), ("dan says", None, "dan"), ("Owen's lines while in sight", None, "owen"),
    ("hana talking", None, "hana"), ("Leo", "name", "leo"), ("the guy in the car", None, None),
    ("gardening", None, None), ("john deere tractors", None, None), ("candy", None, None),
    ("Candy", None, "candy"), ("candy's lines", None, "candy"),
    ("guy talking", None, None), ("lady narrator", None, None)])  # a word for a person is no name
def test_a_query_asks_for_a_name_only_as_a_person(text, who, name):
    assert addressed.asked(Query(text=text, who=who)) == name


def test_a_quote_asks_for_no_name():
    assert addressed.asked(Query(text="dan", modality="speech", exact=True)) is None


def _index(tmp_path, lines: list[tuple[float, float, str]]):
    sentences = [Sentence(i, a, b, t, ()) for i, (a, b, t) in enumerate(lines)]
    return SimpleNamespace(root=tmp_path, sentences=sentences, models={"speech": "tiny.en"})


def test_a_line_heard_again_replaces_the_line_it_overlaps_when_the_rest_agrees(tmp_path):
    index = _index(tmp_path, [(0.0, 3.0, "Hi then, don't let the driver get lost again."),
                              (3.5, 6.0, "We have been stuck here for an hour.")])
    (tmp_path / names_heard.HEARD_FILE).write_text(json.dumps({"speech": "tiny.en", "names": {
        "dan": [[0.1, 2.9, "Hi Dan, don't let the driver get lost again."],
                [3.6, 5.9, "Dan, Dan, it's a lovely Dan day."]]}}))  # the rest disagrees: not read
    assert addressed.heard_texts(index) == ["Hi Dan, don't let the driver get lost again.",
                                        "We have been stuck here for an hour."]


def test_a_place_two_names_are_heard_in_or_a_name_already_written_keeps_its_own_words(tmp_path):
    index = _index(tmp_path, [(0.0, 3.0, "Hi then, don't let the driver get lost again."),
                              (3.5, 6.0, "Loud and clear, Tom."), (6.5, 9.0, "See you later, man.")])
    (tmp_path / names_heard.HEARD_FILE).write_text(json.dumps({"speech": "tiny.en", "names": {
        "dan": [[0.1, 2.9, "Hi Dan, don't let the driver get lost again."]],
        "nan": [[0.1, 2.9, "Hi Nan, don't let the driver get lost again."], [3.6, 5.9, "Loud and clear, Nan."],
                [6.6, 8.9, "See you later, Nan."]]}}))  # told to expect Nan, the decoder hears her everywhere
    assert addressed.heard_texts(index) == ["Hi then, don't let the driver get lost again.",
                                            "Loud and clear, Tom.", "See you later, Nan."]


def test_a_census_name_written_lower_case_is_no_name_already_there(tmp_path):
    # "In" is a first name in the census lists; "oh, in" is Whisper's ear for "Owen", not a name written
    index = _index(tmp_path, [(0.0, 3.0, "A few handfuls, oh, in."), (3.5, 6.0, "Thanks, June.")])
    (tmp_path / names_heard.HEARD_FILE).write_text(json.dumps({"speech": "tiny.en", "names": {
        "owen": [[0.1, 2.9, "A few handfuls, Owen."]], "jane": [[3.6, 5.9, "Thanks, Jane."]]}}))
    assert addressed.heard_texts(index) == ["A few handfuls, Owen.", "Thanks, June."]


def test_heard_lines_of_another_speech_model_are_not_read(tmp_path):
    index = _index(tmp_path, [(0.0, 3.0, "Hi then.")])
    (tmp_path / names_heard.HEARD_FILE).write_text(json.dumps({"speech": "base", "names": {
        "dan": [[0.0, 3.0, "Hi Dan."]]}}))
    assert names_heard.heard(index) == {} and addressed.heard_texts(index) == ["Hi then."]


def test_a_damaged_heard_file_is_as_none(tmp_path):
    (tmp_path / names_heard.HEARD_FILE).write_text("{not json")
    assert names_heard.heard(_index(tmp_path, [])) == {}


@pytest.mark.parametrize("text, names", [
    ("Loud and clear, Dan. Clara is here with me.", ["Dan"]),  # two sentences heard as one line
    ("Fine. Owen, come and look.", ["Owen"]),
    ("We bought apples, Dan and pears.", []),  # a list, not an address
])
def test_an_address_inside_a_longer_line_is_read(text, names):
    assert addressed.addresses(text) == names


# -- the real path ---------------------------------------------------------------------------
MAN, WOMAN = "en-gb-x-gbclan+m3", "en-us-nyc+f4"
SCENES = [("navy", [(MAN, "Hello, hello. Can you all hear me? I am in the car on the way home.")]),
          ("maroon", [(WOMAN, "Hi Dan! Don't let the driver get lost again.")]),
          ("navy", [(MAN, "We have been stuck behind a tractor for twenty minutes.")]),
          ("maroon", [(WOMAN, "It is sage green, Dan, and it is lovely.")]),
          ("navy", [(MAN, "I will be home before dinner, I promise.")]),
          ("maroon", [(WOMAN, "Bye, Dan. See you on Sunday.")])]


def test_a_name_asked_and_never_written_is_listened_for_once(tmp_path, monkeypatch):
    from cutbot.agent.plan import ConstraintPlan

    index = _index(tmp_path, [(0.0, 3.0, "Hi then, don't let the driver get lost again."),
                              (3.5, 6.0, "We have been stuck here for an hour.")])
    index.voices = SimpleNamespace(voice=(1, 0))
    index.media = SimpleNamespace(path=tmp_path / "film.mp4")
    asked_for = []

    def said(i, a, b, text):  # words spread evenly over the line
        parts = text.split()
        step = (b - a) / len(parts)
        return Sentence(i, a, b, text, tuple(Word(w, a + k * step, a + (k + 1) * step, 0.9) for k, w in enumerate(parts)))

    class Decoder:
        def transcribe(self, audio, progress=None, hotwords=None):
            asked_for.append(hotwords)
            return [said(0, 0.1, 2.9, "Hi Dan, don't let the driver get lost again."),
                    said(1, 3.5, 6.0, "We have been stuck here for an hour.")]

    monkeypatch.setattr(names_heard, "get_transcriber", lambda name: Decoder())
    monkeypatch.setattr(names_heard, "load_audio", lambda path: None)
    plan = ConstraintPlan(include=[Query(text="dan says"), Query(text="hana"), Query(text="the harbour")])
    addressed.listen_again(index, plan, lambda: {"hannah"})  # "hana" sounds like a voice named already
    assert asked_for == ["Dan"]
    assert {k: [x.text for x in v] for k, v in names_heard.heard(index).items()} == {
        "dan": ["Hi Dan, don't let the driver get lost again."]}
    addressed.listen_again(index, plan, lambda: {"hannah"})
    assert asked_for == ["Dan"]  # kept beside the index: never listened for twice
    assert addressed.heard_texts(index)[0].startswith("Hi Dan")


def test_a_second_listen_reports_its_progress_to_whoever_asked(tmp_path, monkeypatch):
    index = _index(tmp_path, [(0.0, 3.0, "Hi then.")])
    index.media = SimpleNamespace(path=tmp_path / "film.mp4", duration=6.0)

    class Decoder:
        def transcribe(self, audio, progress=None, hotwords=None):
            for t in (3.0, 6.0):
                progress(t)
            return []

    monkeypatch.setattr(names_heard, "get_transcriber", lambda name: Decoder())
    monkeypatch.setattr(names_heard, "load_audio", lambda path: None)
    reports = []
    with names_heard.reporting(lambda *r: reports.append(r)):
        names_heard.listen_for(index, ["dan"])
    assert reports == [("listening for Dan", 3.0, 6.0), ("listening for Dan", 6.0, 6.0)]
    names_heard.listen_for(index, ["leo"])  # outside the block: reported nowhere
    assert len(reports) == 2


def test_a_decode_told_a_word_never_samples_so_it_is_heard_the_same_every_time():
    import numpy as np

    from cutbot.indexers.transcript import WhisperTranscriber

    calls = []

    class Model:
        def transcribe(self, audio, **kwargs):
            calls.append(kwargs)
            return iter(()), None

    decoder = WhisperTranscriber(Model(), "tiny.en")
    audio = np.full(16000, 0.1, np.float32)
    decoder.transcribe(audio, hotwords="Dan")
    decoder.transcribe(audio)
    assert calls[0]["hotwords"] == "Dan" and calls[0]["temperature"] == 0.0
    assert "temperature" not in calls[1] and "hotwords" not in calls[1]  # the first hearing keeps its fallback


@pytest.mark.slow
def test_the_real_decoder_hears_a_name_it_is_told_to_expect_and_invents_none(tmp_path, monkeypatch):
    from test_voices_real import spoken_film

    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.indexers.pipeline import index_film

    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))
    film, lines, _ = spoken_film(tmp_path, SCENES, gap=0.8)
    index = index_film(film)
    heard = names_heard.listen_for(index, ["dan", "felix"])  # decoded once more, both expected
    woman = [(a, b) for a, b, v in lines if v == WOMAN]
    assert len(heard["dan"]) >= 2, heard
    assert all(any(min(b, x.end) - max(a, x.start) > 0 for a, b in woman) for x in heard["dan"]), (heard, lines)
    assert heard["felix"] == []  # a name nobody says is not put in anyone's mouth
    monkeypatch.setattr(names_heard, "get_transcriber", lambda *a, **k: pytest.fail("listened twice"))
    assert names_heard.listen_for(index, ["felix"]) == heard  # kept beside the index
    cut = plan_cut(parse_request("everything dan says"), index, "everything dan says")
    segs = [(s.start, s.end) for s in cut.segments]

    def covered(a, b):
        return sum(max(0.0, min(b, y) - max(a, x)) for x, y in segs) / (b - a)

    assert all(covered(a, b) > 0.8 for a, b, v in lines if v == MAN), (segs, lines)
    assert all(covered(a, b) < 0.2 for a, b in woman), (segs, lines)


def test_a_film_that_cannot_be_heard_again_leaves_the_index_as_it_was(tmp_path, monkeypatch):
    index = _index(tmp_path, [(0.0, 3.0, "Hi then.")])
    index.media = SimpleNamespace(path=tmp_path / "gone.mp4")

    def unreadable(path):
        raise OSError("no such file")

    monkeypatch.setattr(names_heard, "get_transcriber", lambda name: object())
    monkeypatch.setattr(names_heard, "load_audio", unreadable)
    assert names_heard.listen_for(index, ["dan"]) == {}
    assert not (tmp_path / names_heard.HEARD_FILE).exists()  # asked again next time, never half-written
    index.models = {}
    assert names_heard.listen_for(index, ["dan"]) == {}  # no speech model: nothing to listen with


def test_a_name_the_first_decode_dropped_at_a_line_end_is_heard_in_that_line(tmp_path, monkeypatch):
    # first written "...sit still for you," (39.6-42.0); heard again with "Owen" at 42.6, before the next line
    index = _index(tmp_path, [(39.6, 42.0, "Ducks are only ones who sit still for you,"),
                              (45.0, 47.0, "Did you get anything good?"), (60.0, 61.0, "Bye.")])
    index.media = SimpleNamespace(path=tmp_path / "film.mp4")
    words = [Word(w, a, b, 0.9) for w, a, b in [("Ducks", 39.6, 40.0), ("you,", 41.6, 42.0), ("Owen.", 42.4, 42.8),
                                                ("Did", 45.0, 45.3), ("good?", 46.6, 47.0), ("Owen", 53.0, 53.4)]]

    class Decoder:
        def transcribe(self, audio, progress=None, hotwords=None):
            return [Sentence(0, 39.6, 53.4, " ".join(w.text for w in words), tuple(words))]

    monkeypatch.setattr(names_heard, "get_transcriber", lambda name: Decoder())
    monkeypatch.setattr(names_heard, "load_audio", lambda path: None)
    heard = names_heard.listen_for(index, ["owen"])["owen"]
    assert [(x.start, x.text) for x in heard] == [(39.6, "Ducks you, Owen.")]  # 53 s is no line's: 1.5 s at most


@pytest.mark.parametrize("text, name", [
    ("grace hopper", "grace hopper"), ("Eileen Collins", "eileen collins"), ("every shot of Ada Lovelace", None),
    ("the rose garden", None), ("hana", None), ("grace", None), ("hopper", None)])
def test_a_given_name_and_a_surname_are_asked_whole(text, name):
    assert addressed.full_name(Query(text=text)) == name


@pytest.mark.parametrize("text, name, says", [
    ("I am everyone. It's Hanna.", "hana", True),  # told to expect Hana, the decoder spelt her Hanna
    ("Hanna, how did the driving test go?", "hana", True), ("Hi Dan, come in.", "dan", True),
    ("I am everyone, it's harder.", "hana", False),  # another word altogether
    ("We went down to the sea.", "dan", False),  # sounds like Dan, but no name written
    ("Thanks, Hannibal.", "hana", False)])
def test_a_line_heard_again_says_a_name_as_the_decoder_spells_it(text, name, says):
    assert addressed.says_name(text, name) is says


def test_a_full_name_found_nowhere_is_listened_for_whole_once_where_faces_were_found(tmp_path, monkeypatch):
    index = _index(tmp_path, [(0.0, 3.0, "Oh, Matt's race on the poster."), (3.5, 6.0, "She wrote a compiler.")])
    index.people, index.media = [SimpleNamespace(id=1)], SimpleNamespace(path=tmp_path / "film.mp4")
    asked_for = []

    class Decoder:
        def transcribe(self, audio, progress=None, hotwords=None):
            asked_for.append(hotwords)
            text = "Oh, that's Grace Hopper on the poster." if hotwords == "Grace Hopper" else "Oh, Matt's race."
            parts = text.split()
            return [Sentence(0, 0.1, 2.9, text, tuple(Word(w, 0.1 + k * 0.4, 0.5 + k * 0.4, 0.9)
                                                      for k, w in enumerate(parts)))]

    monkeypatch.setattr(names_heard, "get_transcriber", lambda name: Decoder())
    monkeypatch.setattr(names_heard, "load_audio", lambda path: None)
    assert addressed.listen_for_full_name(index, Query(text="grace hopper"))
    assert addressed.listen_for_full_name(index, Query(text="Ada Lovelace")) is False  # not said: not heard
    assert asked_for == ["Grace Hopper", "Ada Lovelace"]
    assert [x.text for x in names_heard.heard(index)["grace hopper"]] == ["Oh, that's Grace Hopper on the poster."]
    assert not addressed.listen_for_full_name(index, Query(text="Ada Lovelace"))  # never listened for twice
    assert not addressed.listen_for_full_name(index, Query(text="the rocket"))  # no name
    index.people = []
    assert not addressed.listen_for_full_name(index, Query(text="Alan Turing"))  # nobody seen: nobody to name
    assert asked_for == ["Grace Hopper", "Ada Lovelace"]


@pytest.mark.slow
def test_the_real_decoder_listens_for_a_full_name_found_nowhere_and_puts_it_in_no_mouth(
        sample_film, sample_home, tmp_path, monkeypatch):
    import shutil

    from cutbot.agent.editor import Editor
    from cutbot.indexers.pipeline import index_film

    home = tmp_path / "home"
    shutil.copytree(sample_home, home)  # the shared index stays as it was
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    index = index_film(sample_film)
    assert index.people  # faces a heard name could go to
    reply = Editor(index).respond("ada lovelace")
    assert reply.cut is None and "nothing in the film matches 'ada lovelace'" in str(reply.error)
    assert names_heard.heard(index) == {"ada lovelace": []}  # decoded once more, heard nowhere
    monkeypatch.setattr(names_heard, "get_transcriber", lambda *a, **k: pytest.fail("listened twice"))
    assert "nothing" in str(Editor(index).respond("ada lovelace").error)
