"""Which people get a storyline: the two most seen, and a third or fourth seen nearly as
long as the second, since found faces under-count screen time unevenly."""
from __future__ import annotations

from cutbot.agent.describe import FilmOverview, PersonInfo
from cutbot.agent.suggest import storylines


def overview(*seconds: float) -> FilmOverview:
    people = tuple(PersonInfo(i, f"person {i}", t, (i,)) for i, t in enumerate(seconds, 1))
    return FilmOverview("film.mp4", 600.0, 30, 40, people, (), ())


def followed(*seconds: float) -> list[str]:
    return [c.subject for c in storylines(overview(*seconds))]


def test_two_main_people_and_nobody_else_when_the_rest_are_seen_far_less():
    assert followed(40.0, 30.0, 12.0, 9.0) == ["person 1", "person 2"]


def test_people_seen_nearly_as_long_as_the_second_get_a_storyline_too():
    assert followed(40.0, 30.0, 28.0, 25.0, 24.0) == ["person 1", "person 2", "person 3", "person 4"]
    assert followed(40.0, 30.0, 23.0) == ["person 1", "person 2", "person 3"]


def test_a_person_barely_on_screen_never_carries_one():
    assert followed(20.0, 2.5) == ["person 1"]
    assert followed() == []
