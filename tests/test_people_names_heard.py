"""Names heard while one face is on screen, whatever way the viewer spells them: "Hoper"
for Hopper, "norahs", "maya's", lower case; a name that opens a line counts when it runs
on into another ("Eileen Collins was ..."), never a greeting ("Hello Nora")."""
from __future__ import annotations

import pytest
from cutbot.agent.names_spoken import spelled_as
from cutbot.agent.people import name_suggestions, resolve_person
from fakes import people_film

SCENES = [(0, 10, "sky"), (10, 20, "room"), (20, 30, "street")]
LINES = [(11, 15, "Eileen Collins was the first to fly it."), (21, 25, "Hello Nora, this is Grace Hopper here."),
         (26, 29, "It is Mum's birthday. The Plumber finally came, a Builder too.")]


@pytest.fixture()
def film(tmp_path):
    return people_film(SCENES, LINES, tmp_path, [(1, 10.0, 20.0, 1), (2, 20.0, 30.0, 2)])


@pytest.mark.parametrize("word, name", [("hoper", "Hopper"), ("norahs", "Nora"), ("maya's", "Maya"),
                                        ("colins", "Collins"), ("grace", "Grace"), ("NORA", "Nora")])
def test_a_viewers_spelling_of_a_heard_name(word, name):
    assert spelled_as(word, name)


@pytest.mark.parametrize("word, name", [("tom", "Tim"), ("mona", "Nora"), ("max", "Maya"), ("hope", "Hopper")])
def test_other_names_and_short_words_are_not_the_name(word, name):
    assert not spelled_as(word, name)


def test_a_name_opening_a_line_counts_when_it_runs_on_into_another(film):
    heard = {(h.person, h.name) for h in name_suggestions(film)}
    assert {(1, "Eileen"), (1, "Collins"), (2, "Grace"), (2, "Hopper"), (2, "Nora")} <= heard
    assert not any(h.name in ("Hello", "Mum's") for h in name_suggestions(film))  # a greeting, a person word


def test_a_title_cased_noun_after_an_article_is_no_name(film):
    """Whisper writes "The Plumber finally came": a name takes no article, so nobody on screen
    is "the plumber" by hearing it (the word stays a spoken topic)."""
    assert not any(h.name in ("Plumber", "Builder", "The") for h in name_suggestions(film))  # nor its article


def test_a_sentence_run_on_without_a_full_stop_names_nobody_by_its_first_word(tmp_path):
    """Whisper runs sentences on ("... to school That's Grace Hopper Yes, she ..."): the capital
    of "That's" or "Yes" is a sentence's, and a request that says "that" means nobody by it."""
    from cutbot.agent import PlanError

    lines = [(11, 19, "This is the picture my daughter took to school That's Grace Hopper Yes, "
                      "she plays her at Christmas")]
    film = people_film(SCENES, lines, tmp_path, [(1, 10.0, 20.0, 1)])
    heard = {h.name for h in name_suggestions(film)}
    assert {"Grace", "Hopper"} <= heard and not heard & {"That's", "Yes", "Christmas"}
    with pytest.raises(PlanError):
        resolve_person(film, "the storm that knocked the fence over")


def test_a_name_spoken_of_counts_less_than_one_spoken_to_or_introduced(tmp_path):
    """Over Dan's call: "Nora is here with me" speaks OF Nora; "Thanks, Nora" to whoever is on
    screen, and "I'm Tom" introduces the speaker: a tie of one hearing each goes to those."""
    lines = [(11, 15, "Loud and clear. Nora is here with me."), (21, 24, "Thanks, Nora."),
             (25, 27, "Hello, I'm Tom."), (12, 14, "Hi Tom.")]
    film = people_film(SCENES, lines, tmp_path, [(1, 10.0, 20.0, 1), (2, 20.0, 30.0, 2)])
    assert resolve_person(film, "nora").person == 2
    assert resolve_person(film, "tom").person == 2


def test_something_or_someone_of_a_named_persons_is_not_them(film):
    """"Nora's bits" are her screen time; "Nora's birthday cake" and "Nora's sister" are not Nora."""
    from cutbot.agent import PlanError

    assert resolve_person(film, "nora's bits").person == 2
    for text in ("nora's birthday cake", "nora's sister"):
        with pytest.raises(PlanError):
            resolve_person(film, text)


@pytest.mark.parametrize("text, pid", [("eileen colins", 1), ("Grace Hoper", 2), ("hopper's", 2)])
def test_misspelt_and_lower_case_names_find_their_face(film, text, pid):
    ref = resolve_person(film, text)
    assert ref.person == pid and "heard while only they are on screen" in ref.reason


def test_a_voice_is_found_by_the_viewers_spelling_of_its_name():
    from cutbot.agent.plan import Query
    from cutbot.agent.voices import voice_ask
    from test_voices import _film
    idx = _film()
    for text in ("norahs lines", "everything norah says", "Nora's lines"):
        assert voice_ask(idx, Query(text=text, modality="speech")).voices == {0}, text
    assert voice_ask(idx, Query(text="felixs lines", modality="speech")).voices == {1}
    assert voice_ask(idx, Query(text="noel's lines", modality="speech")) is None  # another name


def test_a_name_the_transcript_missed_and_the_decoder_heard_again_names_the_face_on_screen(film):
    """Whisper wrote "sit still for you, boring": told to expect "Owen" it heard the name
    (indexers/names_heard.py). Heard while only person 1 is on screen, it is person 1, and
    lower case: "owen" is also a WordNet person (Robert Owen), but a first name is a name first."""
    import json
    from pathlib import Path

    from cutbot.indexers.names_heard import HEARD_FILE
    (Path(film.root) / HEARD_FILE).write_text(json.dumps(
        {"speech": None, "names": {"owen": [[11.0, 15.0, "Sit still for you, Owen."]], "ivo": []}}))
    assert (1, "Owen") in {(h.person, h.name) for h in name_suggestions(film)}
    assert resolve_person(film, "owen", describe=lambda text: ()).person == 1  # not the role "owen"
    assert not any(h.name == "Ivo" for h in name_suggestions(film))  # listened for, never heard



def test_a_full_name_heard_again_names_the_face_by_each_of_its_words(film):
    """Told to expect "Ada Lovelace", the decoder wrote it where something else was first
    written: the face on screen then (person 1) is found by the full name or either part."""
    import json
    from pathlib import Path

    from cutbot.indexers.names_heard import HEARD_FILE
    (Path(film.root) / HEARD_FILE).write_text(json.dumps(
        {"speech": None, "names": {"ada lovelace": [[11.0, 15.0, "Oh, that's Ada Lovelace on the poster."]]}}))
    assert {(1, "Ada"), (1, "Lovelace")} <= {(h.person, h.name) for h in name_suggestions(film)}
    for text in ("ada lovelace", "Lovelace", "ada"):
        assert resolve_person(film, text, describe=lambda t: ()).person == 1, text


def test_a_name_asked_on_screen_is_the_face_it_is_heard_over_where_no_voice_is_theirs(film):
    """"Nora on screen" is a sight query; no picture is "nora", and no voice is known as hers,
    so the name heard while only person 2 is on screen answers (as it does for "nora")."""
    from fakes import shots_found

    assert shots_found(film, "nora", modality="visual")[0] == [2]
