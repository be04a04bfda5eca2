"""Is this request readable text? One check for the CLI, the chat and ``Editor.respond``.

Requests arrive from argv (undecodable bytes become lone surrogates), from a chat line
(binary piped into stdin) and from users' apps. Whatever arrives is decoded with
replacement, control characters become spaces, and a request with nothing readable left
is refused in one line before any parser sees it. Errors that echo a request shorten
it (``shorten``), so a 5,000-character request never fills the terminal.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import PlanError

ECHO_WIDTH = 80
MAX_REQUEST_CHARS = 2000  # a request longer than a page is not a request
UNREADABLE_SHARE = 0.3  # refuse when more than this share of the characters is garbage
_SPACES = re.compile(r"\s+")
# a quote opens after no letter and closes before none: an apostrophe ("'m", "Owen's") is no quote
_QUOTED = re.compile(r"(?<![\w'])'([^'\n]{%d,})'(?![\w])|\"([^\"\n]{%d,})\"" % (ECHO_WIDTH + 1, ECHO_WIDTH + 1))


class UnreadableRequest(PlanError):
    """The request is not text cutbot can read (binary, control bytes, empty)."""


def decode(text: str | bytes) -> str:
    """Bytes, or a str holding surrogate-escaped bytes (argv), as proper text with
    U+FFFD where a byte was not UTF-8."""
    if isinstance(text, bytes):
        return text.decode("utf-8", "replace")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # argv: the bytes Python could not decode, escaped as U+DC80..U+DCFF
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # other lone surrogates (from an app): each one replaced
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def _garbage(c: str) -> bool:
    return c == "\ufffd" or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn")


def clean_request(text: str | bytes) -> str:
    """The request as one readable line, or ``UnreadableRequest`` (one line) when
    nothing readable is left: control characters and undecodable bytes become spaces."""
    text = decode(text)
    visible = [c for c in text if not c.isspace()]
    bad = sum(map(_garbage, visible))
    if not visible:
        raise UnreadableRequest('the request is empty: say what to keep, e.g. '
                                '"only the cat scenes"')
    if not bad and not any(c.isalnum() for c in visible):
        raise UnreadableRequest(f"the request {shorten(text)!r} has no words: say what to "
                                'keep, e.g. "only the cat scenes"')
    refuse_garbage(text)
    if len(text) > MAX_REQUEST_CHARS:
        raise UnreadableRequest(f"the request is {len(text):,} characters long: say what to "
                                f"keep in a sentence or two ({shorten(text)!r})")
    return readable(text)


def refuse_garbage(text: str | bytes) -> None:
    """``UnreadableRequest`` (one line) when a non-blank request is mostly control codes or
    undecodable bytes (binary piped in), or has no letter or digit among them."""
    visible = [c for c in decode(text) if not c.isspace()]
    bad = sum(map(_garbage, visible))
    if visible and bad and (bad > UNREADABLE_SHARE * len(visible) or not any(c.isalnum() for c in visible)):
        raise UnreadableRequest(f"the request is not readable text ({bad} of {len(visible)} "
                                "characters are control codes or not UTF-8): type words, "
                                'e.g. "only the cat scenes"')


def readable(text: str | bytes) -> str:
    """``text`` decoded (see ``decode``), control characters and undecodable bytes
    turned into spaces, on one line; never raises."""
    line = "".join(" " if _garbage(c) else c for c in decode(text))
    return _SPACES.sub(" ", line).strip()


def shorten(text: str, width: int = ECHO_WIDTH) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, on one line."""
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def shorten_echoes(message: str, width: int = ECHO_WIDTH) -> str:
    """A message with every quoted echo longer than ``width`` shortened; a line that is
    still very long (an unquoted echo) is cut as a whole. Lines stay lines."""
    def one(line: str) -> str:
        line = _QUOTED.sub(lambda m: repr(shorten(m.group(1) or m.group(2), width)), line)
        return line if len(line) <= 4 * width else shorten(line, 4 * width)
    return "\n".join(map(one, message.split("\n")))
