"""Property tests of the chat (issue #10): random lines, random bytes, huge numbers typed
into `cutbot chat` on the toy editor never end the chat, never print a traceback, and
answer each bad line with at most one line."""
from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from fakes import fake_editor

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="cutbot-hypothesis-"))  # not the checkout
FUZZ = int(os.environ.get("CUTBOT_FUZZ", "0"))
WORDS = ["only", "the", "car chases", "beach", "without", "under", "-5", "1e3", "0", "minutes",
         "s", "make it shorter", "longer", "drop the last one", "without the first one",
         "swap the order", "put the beach first", "end with", "then", "undo", "redo", "why",
         "why 9", "show the plan", "start over", "like 2", "people", "the man in the hat",
         "99999999999999999999999", "after 1:20:00", "half a minute at most", ",", "\""]
SOUP = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
#: the Python API gets surrogate-escaped bytes (argv's decoding); the chat's stdin gets bytes
#: decoded with replacement (its terminal decoding is the CLI's part, agent/chat.py)
LINES = SOUP | st.text(max_size=40) | st.binary(max_size=40).map(
    lambda b: b.decode("utf-8", "surrogateescape"))
TYPED = SOUP | st.text(max_size=40).map(lambda t: t.encode("utf-8", "replace").decode()) \
    | st.binary(max_size=40).map(lambda b: b.decode("utf-8", "replace"))


def _settings(n: int):
    return settings(max_examples=FUZZ or n, deadline=None, derandomize=not FUZZ, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@_settings(200)
@given(st.lists(LINES, min_size=1, max_size=6))
def test_editor_answers_every_line_in_one_reply(lines):
    editor = fake_editor()
    for line in lines:
        reply = editor.respond(line)  # never raises
        if reply.kind == "clarify":
            assert reply.message and "\n" not in reply.message, reply.message
            assert "<d:" not in reply.message and "Input should" not in reply.message


@_settings(60)
@given(st.lists(TYPED.filter(lambda s: "\n" not in s and "\r" not in s), min_size=1,
                max_size=4))
def test_chat_survives_any_input(chat, lines):
    code, out, _ = chat(*lines, "bye")
    assert code == 0, out
    assert "Traceback" not in out and "unexpected" not in out, out
    assert out.rstrip().endswith("bye"), out
