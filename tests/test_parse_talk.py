"""Requests about talk, in phrasings of our own: the frame (a WordNet word for talking) goes,
the topic stays; "what do they talk about" is all the talk; a clause keeps its content
words; silence in every form; an order word never acts inside a line's own verb phrase."""
from __future__ import annotations

import pytest

from cutbot.agent.frames import asks_all_talk, clause_topic, talk_frame, talk_noun, talk_verb
from cutbot.agent.intent import parse_request
from cutbot.agent.spelling import fix_typos


def _include(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.modality) for q in parse_request(text).include]


@pytest.mark.parametrize("request_, topic", [
    ("the chat about the forecast", "forecast"),  # a talk noun before "about"
    ("a quick natter on gardening", "gardening"),  # a talk noun WordNet knows, no cue word
    ("any mention of the harbour", "harbour"),
    ("the discussions about money", "money"),
    ("the skiing chat", "skiing"),  # a talk noun after the topic
    # a passage read out ("excerpt" is no typo of "except"); a talk noun the fixed cues do not know
    # stays in the topic, as "the weather forecast" must find a forecast, not any weather
    ("the audiobook excerpt", "audiobook excerpt"),
    ("the sports commentary", "sports"),
    ("when they gossip about the neighbours", "neighbours"),  # a verb of talking by WordNet
    ("the bit where she rambles on about her garden", "her garden"),
    ("when they discuss what to make for supper", "supper"),  # a clause topic: its content words
    ("where he talks about how to fix a bike", "bike"),
    ("when they talk about what they have in the morning", "morning"),
])
def test_talk_frame_leaves_the_topic_as_speech(request_, topic):
    assert _include(request_) == [(topic, "speech")]


@pytest.mark.parametrize("request_", ["what do they talk about", "what are they chatting about",
                                      "so what does she natter on about"])
def test_what_they_talk_about_is_all_the_talk(request_):
    assert _include(request_) == [("talk", "speech")]


def test_what_they_talk_about_keeps_its_window():
    plan = parse_request("what do they talk about in the first minute")
    assert [(q.text, q.modality) for q in plan.include] == [("talk", "speech")]
    assert plan.window is not None and plan.window.end == 60.0


@pytest.mark.parametrize("request_, expected", [
    ("the long speech", [("long speech", "any")]),  # a describer before a talk noun: no topic
    ("the guy with specs", None),  # a talk-ish noun after a phrase with a preposition: a person
    ("felix talking about food", [("felix talking about food", "any")]),  # an inflected verb is no noun
    ("max is talking", None),
    ("the interview", [("interview", "any")]),  # the talk word alone is the subject itself
])
def test_no_talk_frame_where_the_grammar_says_none(request_, expected):
    got = _include(request_)
    if expected is None:
        assert all(m != "speech" for _, m in got), got
    else:
        assert got == expected


@pytest.mark.parametrize("request_", ["the silent bits where no one talks", "the quiet moments where nobody speaks",
                                      "silent parts"])
def test_silence_in_every_form(request_):
    assert _include(request_) == [("no speech", "silence")]


def test_a_silent_shot_is_a_whole_shot():
    assert _include("the silent shots where no one says anything") == [("no speech in the whole shot", "silence")]


@pytest.mark.parametrize("request_", ["she kept a clock on the wall that ran backward",
                                      "the car that rolled backwards", "a man who walks backwards"])
def test_an_order_word_inside_a_clause_is_no_order(request_):
    plan = parse_request(request_)
    assert plan.order == "source"
    assert plan.include and plan.include[0].text.split()[-1].startswith("backward")


@pytest.mark.parametrize("request_", ["play it backwards", "the cat scenes backwards", "the dogs in reverse order"])
def test_an_order_word_on_the_whole_request_still_orders(request_):
    assert parse_request(request_).order == "reverse"


def test_wordnet_talk_words():
    assert all(talk_verb(w) for w in ("natter", "nattering", "discussed", "chatting", "moans", "gossip"))
    assert not any(talk_verb(w) for w in ("walk", "cook", "eat", "paint", "run"))
    assert all(talk_noun(w) for w in ("chat", "excerpt", "commentary", "conversations", "mention"))
    assert not any(talk_noun(w) for w in ("dog", "painting", "scene", "car", "song"))


def test_frame_helpers():
    assert asks_all_talk("what do they talk about") and not asks_all_talk("what do they cook")
    assert clause_topic("what to make for supper") == "supper"
    assert clause_topic("the trip") == "the trip"
    # a time word alone names nothing: what they do is the topic (was "tonight", "what to bake")
    assert clause_topic("what to bake tonight") == clause_topic("what to bake") == "bake"
    assert clause_topic("what to bake for the fair tonight") == "fair tonight"
    assert talk_frame("the dog") is None


def test_a_real_word_is_no_typo_of_a_keyword():
    assert fix_typos("the audiobook excerpt") == "the audiobook excerpt"
    assert fix_typos("onyl the dogs") != "onyl the dogs"  # a near-miss of a keyword is still fixed


@pytest.mark.parametrize("request_", ["when they talk", "whenever someone speaks", "the bits where they're chatting"])
def test_someone_talking_with_no_topic_is_all_the_talk(request_):
    assert _include(request_) == [("talk", "speech")]


def test_a_bare_talk_clause_beside_a_subject_adds_nothing():
    assert _include("the cat and when they chat") == [("cat", "any")]  # the cat is not made speech
    assert _include("the cat meows") != [("talk", "speech")]  # whoever talks is a person (a pronoun)


def test_a_third_person_reflexive_is_narration_not_a_line():
    plan = parse_request("when they say hi and introduce themselves")
    assert not any(q.exact for q in plan.include)
    assert any("introduc" in q.text for q in plan.include)  # the introductions, however worded
    assert parse_request("where she says i did it myself").include[0].exact  # first person: a line


@pytest.mark.parametrize("request_, start, end", [("the cat from the 2nd half", 0.5, None),
                                                  ("the cat in the 1st half", None, 0.5),
                                                  ("the dog in the 3rd quarter", 0.5, 0.75)])
def test_ordinals_in_digits_place_a_part_of_the_film(request_, start, end):
    w = parse_request(request_).window
    assert (w.fraction_start, w.fraction_end) == (start, end)


@pytest.mark.slow
def test_talk_phrasings_find_what_the_plain_phrasing_finds_on_a_real_film(indexed_sample, sample_film, sample_truth):
    """The sample film, real models: a talk frame said another way keeps the same scenes as the
    plain phrasing, and the cut is not empty."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    def scenes(request):
        cut = Editor.load(sample_film).ask(request)
        spans = [(s.start, s.end) for s in cut.segments]
        return [sc["id"] for sc in sample_truth["scenes"] if overlap(spans, [(sc["start"], sc["end"])]) >= 2.0]

    weather = scenes("when they talk about the weather")
    assert weather and scenes("the chats about the weather") == weather
    assert scenes("the chat about the weather") == weather[:1]  # one chat named: its best scene (counts.one_passage)
    cooking = scenes("the part about cooking")
    assert cooking and scenes("a natter about cooking") == cooking
    talk = scenes("keep all the talk in the first 30 seconds")
    assert talk and scenes("what do they talk about in the first 30 seconds") == talk
    quiet = scenes("the parts where nobody talks")
    assert quiet and scenes("the quiet bits where nobody speaks") == quiet


@pytest.mark.parametrize("request_", ["she kept a clock on the wall that ran backward",  # the past: no -s after she
                                      "i only came for the free biscuit",  # the first person
                                      "someone painted a red door on the old barn"])
def test_a_sentence_said_in_the_film_is_read_as_its_words(request_):
    plan = parse_request(request_)
    assert [(q.text, q.modality, q.exact) for q in plan.include] == [(request_, "speech", True)]
    assert plan.order == "source"


def test_a_line_keeps_the_requests_own_grammar_after_a_comma():
    plan = parse_request("she walked the dog in the park, under 20 seconds")
    assert plan.include[0].exact and plan.duration.max == 20.0


@pytest.mark.parametrize("request_", ["he kicks the ball into the net", "they plan the trip to norway",
                                      "i want the flower and the butterfly", "she likes the fruit and the old temple",
                                      "they talked about the weather a lot", "he scores a goal"])
def test_a_sight_a_topic_or_a_wish_is_no_line(request_):
    assert not any(q.exact for q in parse_request(request_).include)


@pytest.mark.parametrize("request_, topic", [("someone reading out playing cards", "playing cards"),
                                             ("somebody reading out the menu", "menu"),
                                             ("the guy reading out the rules", "rules")])
def test_someone_doing_it_is_a_moment_not_a_line(request_, topic):
    """A participle is no finite verb: "someone reading out X" describes a moment, not words said."""
    plan = parse_request(request_)
    assert not any(q.exact for q in plan.include) and any(topic == q.text for q in plan.include), plan.include


@pytest.mark.parametrize("request_, topic", [("her nerves before his interview", "interview"),
                                             ("their speech", "speech")])
def test_a_talk_noun_with_only_a_possessive_is_the_topic_itself(request_, topic):
    """ "his interview" keeps the interview: a possessive is no topic, so the talk noun is."""
    found = _include(request_)
    assert any(topic in t for t, _ in found) and not any(t.strip() in ("his", "her", "their") for t, _ in found), found


@pytest.mark.parametrize("request_, left_out", [
    ("the wedding talk but not the one about the photos", "photos"),
    ("the cooking chat, minus the ones concerning dessert", "dessert"),
    ("max's lines except the one regarding the rent", "rent")])
def test_the_one_about_a_subject_left_out_is_talk(request_, left_out):
    """ "the one about the photos" is the talk about them, not every photographed picture."""
    plan = parse_request(request_)
    assert [(q.text, q.modality) for q in plan.exclude] == [(left_out, "speech")]


@pytest.mark.parametrize("request_, expected", [
    # a topic that "comes up" is said, as "the second time X comes up" already was
    ("every time the garden comes up", [("garden", "speech")]),
    ("whenever money came up again, under a minute", [("money", "speech")]),
    # the same said of "it" after the topic, whatever order words sit between them
    ("the boat trip, every time it's mentioned", [("boat trip", "speech")]),
    ("the bakery saga from start to finish, every time it comes up", [("bakery", "speech")]),
    ("keep the harbour, whenever it comes up", [("harbour", "speech")]),
    # seen, not said: up on screen, or the sun in the sky
    ("whenever the dog comes up on screen", [("dog", "visual")]),
    ("the parrot, every time it's on screen", [("parrot", "visual")]),
    ("the parrot, whenever it appears", [("parrot", "visual")]),
])
def test_comes_up_is_said(request_, expected):
    assert _include(request_) == expected


def test_the_sun_coming_up_is_no_talk():
    assert all(m != "speech" for _, m in _include("when the sun comes up"))


@pytest.mark.parametrize("request_, topic", [("every time the bathroom reno comes up", "bathroom renovation"),
                                            ("the uni chat", "university"), ("the bday party bits", "birthday party")])
def test_clipped_words_are_read_whole(request_, topic):
    assert [t for t, _ in _include(request_)] == [topic]


@pytest.mark.parametrize("request_, expected", [
    # the nth time of the one named before the comma, seen or said
    ("the parrot, the second time it shows up", [("second scene with parrot", "any")]),
    ("the choir, but only the third time it comes up", [("third choir", "speech")]),
])
def test_the_nth_time_of_a_subject_named_before(request_, expected):
    assert _include(request_) == expected


def test_the_first_time_it_comes_up_is_still_a_pick():
    plan = parse_request("the school play but only the first time it comes up")
    assert [q.text for q in plan.include] == ["school play"] and plan.pick.which == "first"


def test_an_adverb_after_someone_is_no_line_heard():
    """"someone actually riding a bicycle" describes a sight; "she actually kept a clock ..." is a line."""
    plan = parse_request("someone actually riding a bicycle down the road")
    assert not plan.include[0].exact and plan.include[0].modality != "speech"
    assert parse_request("she actually kept a clock on the wall that ran backwards").include[0].exact


@pytest.mark.parametrize("request_, expected", [
    # two talkers and what they talk about: the talk ("the chef talking about knives" is the knives)
    ("when mum and dad chat about the holiday", [("holiday", "speech")]),
    ("where ada and ben argue about money", [("money", "speech")]),
    # a quarrel is talk, a fight may be seen
    ("the bits where the boy and his dad argue", [("boy", "speech"), ("his dad", "speech")]),
])
def test_two_talkers_one_talk(request_, expected):
    assert _include(request_) == expected


def test_animals_fighting_are_no_talk():
    assert all(m != "speech" for _, m in _include("where the dog and the cat fight"))


@pytest.mark.parametrize("request_, expected", [
    # a described talker of two words is a talker too ("the chef talking about knives": the knives)
    ("where the old man talks about the war", [("war", "speech")]),
    ("the old fisherman talking about the storm", [("storm", "speech")]),
    # asking, complaining, boasting about X, or telling a story about it, is talk about X
    ("the kid asking about the boats", [("boats", "speech")]),
    ("when she complains about the noise", [("noise", "speech")]),
    ("where he tells us a joke about the priest", [("priest", "speech")]),
])
def test_more_ways_to_talk_about(request_, expected):
    assert _include(request_) == expected


def test_a_described_talker_seen_keeps_the_talker():
    """"the photographer guy talking about the wedding while hes on screen": the sight is his, so he stays."""
    texts = [t for t, _ in _include("the photographer guy talking about the wedding while hes on screen")]
    assert texts == ["photographer guy talking about the wedding while in sight"]


@pytest.mark.parametrize("request_", ["the seagull scenes with talking", "the seagull scenes with narration on them",
                                      "the seagull scenes that have talking in them"])
def test_pictures_with_talk_are_those_where_talk_is_heard(request_):
    plan = parse_request(request_)
    assert [(q.text, q.modality) for q in plan.include] == [("seagull", "any"), ("talk", "speech")]
    assert plan.match == "all"


def test_a_clause_that_drops_the_talk_keeps_dropping_it():
    assert _include("only keep what has no voice over it, drop every scene with talking") == [("no speech", "silence")]


def test_he_is_not_talking_leaves_no_pronoun_in_the_subject():
    assert sorted(_include("shots of the fisherman where he's not talking"))[0][0] == "fisherman"


def test_a_pronoun_and_its_verb_open_no_subject():
    """"Tom but not while he's sitting in the car": what he does there, not "he's"."""
    plan = parse_request("the cat, but not when she's asleep")
    assert [q.text for q in plan.include] == ["cat"] and [q.text for q in plan.exclude] == ["asleep"]


@pytest.mark.parametrize("text, people", [
    ("all the bits where maya and tom argue", {"maya", "tom"}), ("when maya and tom talk", {"maya", "tom"}),
    ("only when maya and nora talk, no felix at all", {"maya", "nora"}),
])
def test_two_people_who_talk_in_a_scene_clause_talk_together(text, people):
    plan = parse_request(text)  # each was either of them, apart
    assert plan.match == "all" and {q.text.split()[0] for q in plan.include} == people


@pytest.mark.parametrize("line", ["the grandma portraits", "the portrait of the queen", "the two vignettes of the farm"])
def test_a_word_that_is_also_a_picture_is_no_talk(line):
    # WordNet's commonest sense of "portrait" is a word picture; its second is the picture itself
    assert all(q.modality != "speech" for q in parse_request(line).include), line
