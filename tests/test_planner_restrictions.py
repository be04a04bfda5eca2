"""Two constraints in one sentence (issue #11): "X while they talk about Y", "X but only Y",
"both X and Y" keep the shots that answer both, not either."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from fakes import make_index, run_plan

SCENES = [(0, 10, "harbour boats"), (10, 20, "harbour boats"), (20, 30, "market stalls awning"),
          (30, 40, "bridge river"), (40, 50, "forest trees"), (50, 60, "mountain snow"),
          (60, 70, "office desk lamp"), (70, 80, "city night lights")]
SENTENCES = [(1, 8, "the tide comes in at dawn"), (11, 18, "fresh fish is landed here"),
             (21, 28, "fish is sold all morning"), (31, 38, "the river runs to the sea"),
             (41, 48, "birds sing in the trees"), (51, 58, "cold wind on the peak"),
             (61, 68, "papers pile up on the desk"), (71, 78, "lights come on after dark")]


def _scenes(cut) -> list[int]:
    return sorted({i for s in cut.segments for i in s.shots})


@pytest.mark.parametrize("text", ["the boats while someone talks about fish",
                                  "the boats, but only when they mention fish",
                                  "boat shots where they're talking about fish",  # any verb of talking,
                                  "the boats while somebody explains the fish",   # after a thing's shots
                                  "the boats with the fish chat over them",       # a talk noun over them
                                  "the boats during the fish talk",
                                  "is there a boat shot where someone mentions fish?",
                                  "the boats while the fish is being discussed",  # said passively
                                  "the boats as the fish gets mentioned"])
def test_a_subject_restricted_by_what_is_said(text):
    plan = parse_request(text)
    assert plan.match == "all"
    cut = run_plan(make_index(SCENES, SENTENCES), **plan.model_dump(exclude={"version"}))
    assert _scenes(cut) == [1]  # boats where fish is said; not the other boats, not the market


@pytest.mark.parametrize("text, include", [
    ("the shots where they talk about fish", [("fish", "speech")]),  # a part of the film, no thing
    ("the bits while someone is talking", [("talk", "speech")]),
    ("and also where someone mentions the fish", [("fish", "speech")]),
    ("the boats where the tide rises", [("boats where the tide rises", "any")]),  # no verb of talking
    ("the boats when the fish is flapping", [("boats when the fish is flapping", "any")])])  # the fish does it
def test_a_clause_after_a_part_of_the_film_or_without_talk_restricts_nothing(text, include):
    plan = parse_request(text)
    assert [(q.text, q.modality) for q in plan.include] == include and plan.match == "any"


@pytest.mark.parametrize("text, include", [
    ("maya talking over the cartoon stuff", [("maya talking", "any"), ("cartoon", "visual")]),
    ("the man's voice over the dog shots", [("man's voice", "any"), ("dog", "visual")]),
    ("fruit while Hana is talking", [("fruit", "any"), ("Hana is talking", "any")]),
    ("the cartoon only if felix speaks", [("cartoon", "any"), ("felix is talking", "any")])])
def test_a_voice_over_a_picture_is_both_at_once(text, include):
    plan = parse_request(text)
    assert [(q.text, q.modality) for q in plan.include] == include and plan.match == "all"


@pytest.mark.parametrize("text", ["maya talking over the phone", "the dog when nobody talks"])
def test_talk_over_a_sound_or_by_nobody_is_no_voice_over_a_picture(text):
    plan = parse_request(text)
    assert all(q.modality != "visual" for q in plan.include) and "is talking" not in " ".join(q.text for q in plan.include)


@pytest.mark.parametrize("text, include", [
    # a word of how before the talk verb says nothing of what or who ("actualy": a typo of one)
    ("grace hopper while somebody is actualy talking", [("grace hopper", "any"), ("talk", "speech")]),
    ("the dogs when she is quietly speaking about food", [("dogs", "any"), ("food", "speech")]),
    # "Nora's the one speaking" is Nora talking; "there's a voice talking" is someone talking
    ("Grace Hopper, only while Nora's the one speaking", [("Grace Hopper", "person"), ("Nora is talking", "any")]),
    ("the camera guy, but only while there's a voice talking", [("camera guy", "person"), ("talk", "speech")]),
    # read out, called out: said aloud, while a thing is seen or over a picture of it
    ("the shot of the cuppa where the voice is reading out tomorrow's weather",
     [("cuppa", "visual"), ("tomorrow's weather", "speech")]),
    ("a card being read out over a picture of something to eat", [("card", "speech"), ("something to eat", "visual")]),
    # "X, only the Y" narrows X as "X but only the Y" does
    ("the introductions, only the woman", [("introductions", "any"), ("woman", "any")]),
    ("vehicles, and only if max is the one talking", [("vehicles", "any"), ("max is talking", "any")])])
def test_more_ways_of_saying_both_at_once(text, include):
    plan = parse_request(text)
    assert [(q.text, q.modality) for q in plan.include] == include and plan.match == "all"


@pytest.mark.parametrize("text", ["before the 10 minute mark, only the bikes",  # a window, then the bikes
                                  "grace hopper close up only, just her face"])  # her face is hers
def test_a_time_or_a_pronoun_after_only_is_no_restriction(text):
    plan = parse_request(text)
    assert plan.match == "any" and len(plan.include) >= 1


def test_a_noun_in_ly_is_no_word_of_how():
    assert [q.text for q in parse_request("the cat while the family talks").include] == ["cat", "family"]


def test_without_the_restriction_either_subject_is_kept():
    plan = parse_request("the boats while someone talks about fish").model_copy(update={"match": "any"})
    cut = run_plan(make_index(SCENES, SENTENCES), **plan.model_dump(exclude={"version"}))
    assert _scenes(cut) == [0, 1, 2]  # what "match all" leaves out, "either" keeps


@pytest.mark.slow
def test_real_person_while_a_topic_is_said_on_the_dev_film(indexed_dev, dev_film, dev_truth):
    """Real parser, models and planner on the dev film: Grace Hopper has two shots; only the
    one where computers are talked about is kept."""
    from cutbot.agent.editor import Editor
    from cutbot.indexers import load_index

    editor = Editor(load_index(dev_film))
    assert editor.respond("grace hopper, only while someone talks about computers").kind != "clarify"
    scenes = {s["id"]: (s["start"], s["end"]) for s in dev_truth["scenes"]}
    kept = [(s.start, s.end) for s in editor.cut.segments]

    def overlap(a, b):
        return sum(max(0.0, min(e, b) - max(s, a)) for s, e in kept)
    assert overlap(*scenes[1]) >= 0.5 * (scenes[1][1] - scenes[1][0])
    assert all(overlap(*scenes[i]) <= 0.05 for i in scenes if i != 1)


def test_real_exclusion_of_a_kind_of_what_is_asked_keeps_the_rest_on_the_sample_film(indexed_sample, sample_film,
                                                                                      sample_truth):
    """Real models: "bicycles, not the one with the car": the loose reading of "car" takes both
    bicycle shots; the sure one leaves the parked bicycle."""
    from cutbot.agent.editor import Editor
    from cutbot.indexers import load_index

    editor = Editor(load_index(sample_film))
    assert editor.respond("bicycles, not the one with the car").kind == "plan"
    parked = [s for s in sample_truth["scenes"] if "bicycle" in s["visible"] and "car" not in s["visible"]]
    kept = [(s.start, s.end) for s in editor.cut.segments]
    assert kept and all(any(p["start"] - 0.5 <= a and b <= p["end"] + 0.5 for p in parked) for a, b in kept)


@pytest.mark.parametrize("text, who", [("the photographer geezer, every shot he's in", "photographer geezer"),
                                       ("the bald bloke, every scene he's in", "bald bloke"),
                                       ("the dog, every scene it's in", "dog")])
def test_every_shot_hes_in_points_back_and_any_plain_person_noun_is_described(text, who):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == [who]  # "he's in" is no subject of its own
    assert (plan.include[0].who == "described") == (who != "dog")


def test_both_at_once_found_nowhere_says_both_not_either():
    from cutbot.agent import NothingMatched
    plan = parse_request("the boats while someone talks about the snow")  # boats seen, snow never said
    with pytest.raises(NothingMatched, match=r"matches 'boats' and 'snow' at once"):
        run_plan(make_index(SCENES, SENTENCES), **plan.model_dump(exclude={"version"}))
