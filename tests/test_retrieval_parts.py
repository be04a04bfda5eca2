"""A part word names the kind named for having it: "wheels" is a tram or a car too
(WordNet's "wheeled vehicle"), "strings" a guitar; "photography gear" is the equipment of
that activity ("photographic equipment"), never a gear wheel."""
from __future__ import annotations

from cutbot.agent import labels
from cutbot.agent.intent import parse_request
from fakes import make_index, shots_found

# a toy film: one sure label per shot (make_index gives every frame 0.9)
FILM = [(0, 10, "tram"), (10, 20, "acoustic guitar"), (20, 30, "Pekingese"),
        (30, 40, "car wheel"), (40, 50, "pizza"), (50, 60, "sports car")]


def test_wheels_find_the_wheeled_vehicles_and_the_wheel_only():
    found, why = shots_found(make_index(FILM), "wheels", modality="visual")
    assert found == [0, 3, 5]  # the tram, the wheel, the car; never the guitar, dog, pizza
    assert "tram" in why


def test_strings_find_the_stringed_instrument_only():
    (query,) = parse_request("anything with strings").include  # the parser keeps "strings"
    found, _ = shots_found(make_index(FILM), query.text, modality=query.modality)
    assert found == [1]


def test_only_a_possessive_kind_widens_a_word():
    wheels = labels.category("wheels")
    assert wheels is not None and {"tram", "car wheel", "sports car"} <= wheels.labels
    assert "acoustic guitar" not in wheels.labels
    # "sheep dog", "solid food", "working dog": a kind named for a word that is not "<part>ed"
    sheep = labels.category("sheep")
    assert sheep is None or not any("collie" in n or "sheepdog" in n for n in sheep.labels)
    assert labels._kind_having("glass") is None and labels._kind_having("work") is None
    assert labels._kind_having("lens") is None  # "lens cap": one thing, no kind


GEAR_FILM = [(0, 10, "reflex camera"), (10, 20, "frying pan"), (20, 30, "drilling rig"),
             (30, 40, "tabby cat"), (40, 50, "Polaroid camera")]


def test_photography_gear_is_the_cameras_not_a_gear_wheel():
    found, why = shots_found(make_index(GEAR_FILM), "photography gear", modality="visual")
    assert found == [0, 4]  # the cameras; never the pan, the rig ("gear" as a wheel), the cat
    assert "photographic equipment" in why
    found, _ = shots_found(make_index(GEAR_FILM), "kitchen gear", modality="visual")
    assert found == [1]


def test_an_activity_that_only_sounds_like_a_thing_names_none():
    fishing = labels.category("fishing gear")  # "fishing" is no fish
    assert fishing is None or not any("fish" in n or "shark" in n for n in fishing.labels)


def test_a_plural_part_is_read_as_its_singular():
    """parts.usual_sense is labels' reading too: "engines" is no WordNet lemma, "engine" is."""
    from cutbot.agent import parts
    assert parts.having("engines") == parts.having("engine") != frozenset()
    assert parts.usual_sense("engines") == parts.usual_sense("engine") is not None
    assert parts.usual_sense("xqzt") is None


def test_one_reading_of_a_word_as_a_noun():
    """parts.noun_senses is what parts, person_words.person_noun, roles and everyday call a noun."""
    from cutbot.agent import parts
    from cutbot.agent.person_words import person_noun
    assert parts.noun_senses("engines") == parts.noun_senses("engine") != []
    assert parts.noun_senses("xqzt") == [] and parts.usual_sense("engine") == parts.noun_senses("engine")[0]
    assert person_noun("astronauts") and not person_noun("stars")
