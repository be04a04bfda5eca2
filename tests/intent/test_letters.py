"""A request written as a letter (issue #11): the family news around it names things too;
the request is the sentences about the film or asking for something, framed as one."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.letters import is_letter, letter_request

LETTER = ("Dear Milo, the plumber finally came and the kitchen tap works again. Your cousin Ada started "
          "swimming lessons. In that film of yours from the harbour there was a little green tugboat, and your "
          "grandfather, who worked on one, would love it. Could you send me just that bit? Love, Granny")


def test_the_news_around_a_letters_request_is_no_subject():
    assert letter_request(LETTER) == "a little green tugboat"
    assert [q.text for q in parse_request(LETTER).include] == ["green tugboat"]  # "little": how big, no subject


@pytest.mark.parametrize("letter, include", [
    ("Hello darling, the hens are laying again. I keep humming a line from your video, 'the tide waits for "
     "nobody', and I should like that little piece so I can play it to the choir. Much love, Nana",
     [("the tide waits for nobody", True)]),
    ("My dear girl, the garden is a picture. Aunt Jo has a new puppy. Would you be a dear and put together "
     "the lighthouse and the ferry for me? Warmest wishes, Grandpa", [("lighthouse", False), ("ferry", False)]),
])
def test_a_quoted_line_or_the_things_asked_are_the_request(letter, include):
    assert [(q.text, q.exact) for q in parse_request(letter).include] == include


@pytest.mark.parametrize("text", [
    "Dear cutbot, the lighthouse please.",  # two sentences at most: read as it is
    "the kettle and the tugboat. Then the harbour. Then the ferry.",  # no greeting nor sign-off
])
def test_only_a_letter_is_read_as_one(text):
    assert not is_letter(text) and letter_request(text) == text
