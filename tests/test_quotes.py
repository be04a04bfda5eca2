"""Quotes word by word (agent/quotes.py): a misheard word still counts, a different word
does not, digits and abbreviations are read as said, and a line never said finds nothing."""
from __future__ import annotations

import pytest
from cutbot.agent.lexical import transcript_of
from cutbot.agent.quotes import QUOTES, align, find, like, spoken, tokens
from fakes import make_index, scenes_kept, shots_found

# A card game read out, as a speech recogniser heard it (none of it from a benchmark film).
SCENES = [(0, 10, "table"), (10, 20, "cards"), (20, 30, "cards"), (30, 40, "cards"),
          (40, 50, "kitchen"), (50, 60, "street")]
SENTENCES = [(1, 6, "welcome to the evening game"),
             (12, 14, "nine of harts"),  # ASR for "nine of hearts"
             (22, 24, "two of hearts"),
             (32, 34, "king of hearts"),
             (42, 47, "bake it for 35 minutes"),
             (52, 57, "some one left the gate open at Dr. Patel's")]


@pytest.fixture()
def index():
    return make_index(SCENES, SENTENCES)  # sentence vectors by the word-hash embedder


def shots(index, line):
    return shots_found(index, line, exact=True)[0]


def test_a_misheard_line_is_found_and_its_siblings_are_not(index):
    # "harts" is "hearts" misheard; "two" and "king" are other cards, not "nine" misheard
    assert shots(index, "nine of hearts") == [1]
    assert shots(index, "king of hearts") == [3]
    assert shots(index, "two of hearts") == [2]


def test_a_word_split_in_two_digits_and_abbreviations_are_read_as_said(index):
    assert shots(index, "bake it for thirty five minutes") == [4]
    assert shots(index, "someone left the gate open at doctor patel's") == [5]


def test_a_line_never_said_finds_nothing(index):
    assert shots(index, "queen of spades") == []
    assert shots(index, "close the window before the rain") == []


def test_word_likeness_tells_a_mishearing_from_another_word():
    assert like("clubs", "clothes") >= QUOTES.word_floor  # misheard
    assert like("clubs", "close") >= QUOTES.word_floor
    assert like("ten", "seven") < QUOTES.word_floor  # another word said
    assert spoken(["20", "mr", "x"]) == ["twenty", "mister", "x"]
    assert spoken(["105"]) == ["one", "hundred", "five"]


def test_alignment_places_the_line_inside_the_heard_words():
    heard = tokens("under the sea. red motorbike waits in the garage")
    score, first, last = align(tokens("the red motorbike"), heard)
    assert heard[first:last + 1] == ["red", "motorbike"] and 0.75 <= score < 1.0
    assert align(tokens("someone sprayed"), tokens("some one sprayed"))[0] == 1.0
    assert align([], heard) == (0.0, 0, 0)


def test_find_gives_the_time_of_the_words_not_of_the_sentence(index):
    found = find(transcript_of(index.sentences), "for thirty five minutes")
    score, start, end, sentence = found[0]
    assert sentence == 4 and score >= QUOTES.floor
    assert 42.0 < start < end <= 47.0 + 1e-6  # the sentence's last words, not all of it


@pytest.mark.slow
def test_quotes_on_a_film_it_was_not_built_with(indexed_dev, dev_film, dev_truth):
    """The dev film, real models: a card misheard ("four of close") is found in its scene
    only, and a card never read out answers nothing."""
    from cutbot.agent import Editor, NothingMatched

    def scenes(request):
        return scenes_kept(dev_film, dev_truth, request, least=1.0)

    assert scenes('the line "four of clubs"') == [8]
    assert scenes('where she says "my little dog loves to play"') == [2]
    with pytest.raises(NothingMatched):
        Editor.load(dev_film).ask('the line "the queen of diamonds"')



def test_a_line_remembered_in_other_words_is_the_line_that_means_it(index):
    from cutbot.agent.plan import Query
    from cutbot.agent.search import Scorer
    from fakes import WordHashEmbedder

    emb = WordHashEmbedder()
    hits = Scorer(index, emb, emb).score(Query(text="somebody left the garden gate open", modality="speech", exact=True))
    assert hits.mask.nonzero()[0].tolist() == [5] and any("word for word" in n for n in hits.notes)


@pytest.mark.parametrize("text, whole", [
    ("bake it for 35 minutes", True),  # the whole line, a length inside it
    ("some one left the gate open at Dr Patel's", True),
    ("bake it", False),  # too short to be sure
    ("the evening game", False),  # a phrase of a longer line is a subject
    ("bake the bread for 35 minutes tonight", False),  # not word for word
])
def test_a_request_one_line_says_whole_is_that_line(index, text, whole):
    from cutbot.agent.quotes import said_whole

    assert said_whole(transcript_of(index.sentences), text) is whole


def test_a_line_typed_without_quote_marks_is_cut_as_that_line(index):
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from fakes import WordHashEmbedder

    emb = WordHashEmbedder()
    request = "bake it for 35 minutes"  # the parser reads a 35-minute cut of "bake"
    cut = plan_cut(parse_request(request), index, request, Scorer(index, emb, emb))
    assert [(s.start, s.end) for s in cut.segments] == [(40, 50)] and any("a line of the film" in n for n in cut.notes)


def test_a_typed_line_on_the_dev_film_is_its_line(indexed_dev, dev_film, dev_truth):
    """Real parser, models and planner: a narration line typed plainly is cut as that line."""
    from cutbot.agent.editor import Editor
    from cutbot.indexers import load_index

    editor = Editor(load_index(dev_film))
    reply = editor.respond("the red motorbike waits in the garage for a long ride")
    assert reply.kind == "plan" and "a line of the film" in reply.lines[0]
    said = next(n for s in dev_truth["scenes"] for n in s["narration"] if "motorbike" in n["text"])
    (seg,) = editor.cut.segments
    assert seg.start <= said["start"] and seg.end >= said["end"] and seg.end - seg.start <= 10  # its scene alone


# A kitchen chat as a recogniser heard it: one line garbled past the string view.
KITCHEN = [(0, 10, "kitchen"), (10, 20, "garden"), (20, 30, "street"), (30, 40, "park"), (40, 50, "beach"),
           (50, 60, "night")]
HEARD = [(1, 5, "does anyone want some key we"), (6, 9, "northonks kiwi mix my mothage"),
         (11, 15, "more for me then"), (31, 35, "fresh fruit makes my mouth water"),
         (41, 45, "the sea is cold in june"), (51, 55, "it is changed green man and it is lovely")]


def test_a_line_misheard_past_the_string_view_is_still_placed_word_by_word():
    from cutbot.agent.quotes import half_heard

    transcript = transcript_of(make_index(KITCHEN, HEARD).sentences)
    assert find(transcript, "kiwi makes my mouth itch")[0][0] == 0  # not a line said, as a string
    assert half_heard(transcript, "kiwi makes my mouth itch")[0] == pytest.approx((6.6, 9.0), abs=0.01)  # best first
    assert half_heard(transcript, "the plumber came on tuesday") == []


@pytest.mark.parametrize("text, whole", [("it is sage green and it is lovely", True),  # a word misheard
                                         ("the sea is cold in july", True),  # a word remembered wrong
                                         ("more fruit for me in the morning", False)])
def test_a_line_typed_from_memory_or_misheard_in_a_word_is_still_that_line(text, whole):
    from cutbot.agent.quotes import said_whole

    assert said_whole(transcript_of(make_index(KITCHEN, HEARD).sentences), text) is whole


def test_a_line_the_parser_found_keeps_the_rest_of_the_request():
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import said_whole
    from cutbot.agent.search import Scorer
    from fakes import WordHashEmbedder

    index, emb = make_index(KITCHEN, HEARD), WordHashEmbedder()
    request = "the line the sea is cold in june, under 3 seconds"
    plan, notes = said_whole(parse_request(request), request, Scorer(index, emb, emb))
    (q,) = plan.include
    assert q.exact and q.text == "sea is cold in june" and plan.duration.max == 3
    assert notes and "a line of the film" in notes[0]
