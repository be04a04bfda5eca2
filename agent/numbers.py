"""Lengths as people write them: "ten minutes", "1h20", "90s", "1:30", "a minute and a half".

``mark_durations`` rewrites every length in a request into one token, ``<d:SECONDS>``
(``<t:SECONDS>`` for a point in the film such as "minute 5"), so the intent
patterns deal with one spelling instead of dozens.
"""
from __future__ import annotations

import math
import re

from .errors import PlanError
from .plan import clock, secs_words

#: Longer than any film (100 days): such a length is a typo or a test, and says so in one
#: line (rather than silently meaning "no limit").
LONGEST = 100 * 86400.0

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
#: the counts a viewer says before a thing ("the two wheels"): labels reads them as how many, not what
COUNTS = tuple(_ONES[2:13])
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_WORDS = {w: i for i, w in enumerate(_ONES)} | _TENS | {
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "a dozen": 12,
    "half a dozen": 6, "a": 1, "an": 1}

def number_words(n: int) -> list[str]:
    """``n`` as said ("42" -> forty two); past 999 the digits stay."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        tens = next(w for w, v in _TENS.items() if v == n // 10 * 10)
        return [tens] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [_ONES[n // 100], "hundred"] + (number_words(n % 100) if n % 100 else [])
    return [str(n)]


#: Every word that can stand for a number in front of a unit (typo fixing uses it).
NUMBER_WORDS = frozenset(w for k in _WORDS for w in k.split())
# "the second chase", "the last one": position words, -1 counts from the end
ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
ORDINALS: dict[str, int] = {w: i for i, w in enumerate(ORDINAL_WORDS, 1)} | {"last": -1, "final": -1}
#: a counted position as a pattern ("second", "3rd"): what ``ordinal`` reads, without "last"
ORDINAL = r"(?:%s|\d+(?:st|nd|rd|th))" % "|".join(ORDINAL_WORDS)
#: the place before the last ("penultimate", "second to last", "last but one"): ``ordinal`` reads -2
NEXT_TO_LAST = r"(?:penultimate|(?:second|next)[- ]to[- ]last|last\s+but\s+one)"


def ordinal(word: str) -> int:
    """'second' -> 2, '3rd' -> 3, 'last' -> -1, 'second to last' -> -2; 0 when ``word`` is no ordinal."""
    word = word.lower()
    if re.fullmatch(NEXT_TO_LAST, word):
        return -2
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m else ORDINALS.get(word, 0)

_WORD_NUM = (r"(?:(?:%s)(?:[\s-](?:%s))?|%s)" % (
    "|".join(_TENS), "|".join(_ONES[1:10]),
    "|".join(sorted((w for w in _WORDS if w not in _TENS), key=len, reverse=True))))
# digits: "1,000" (thousands), "2,5"/"2.5" (decimals), "1e3" (scientific)
_DIGITS = r"(?<![\d.:<,])(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)(?:e[+-]?\d+)?"
_NUM = r"(?:%s|\b%s(?=[\s-]))" % (_DIGITS, _WORD_NUM)  # not "ones"
#: a number said in words after its noun ("minute three"): no "a", "a few", "a couple"
_SAID_NUM = r"(?:(?:%s)(?:[\s-](?:%s))?|%s)\b" % ("|".join(_TENS), "|".join(_ONES[1:10]), "|".join(_ONES[1:]))
_BARE = r"(?:%s|\b(?:%s)\b)" % (_DIGITS, "|".join([*_TENS, *_ONES[1:]]))
_UNIT = r"(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])"
_FULL_UNIT = re.compile(r"(?:hours?|minutes?|seconds?|mins?|secs?|hrs?)$")  # "a min", not "a m"


def stretch_words(which: str, seconds: float) -> str:
    """How a stretch at one end of the film is kept as a subject ("first 5 min", "last 30 s"):
    the words ``positions.position_of`` reads back (``STRETCH``) when two are asked at once."""
    return f"{which} {secs_words(seconds)}"


STRETCH = re.compile(r"^(?P<which>first|last) (?P<v>\d+(?:\.\d+)?) (?P<u>s|min)$")
#: ...and a stretch between two clock readings kept beside a subject ("0:30 to 1:10, plus the goat")
SPAN = re.compile(r"^(?P<a>\d+(?::\d\d){1,2}) to (?P<b>\d+(?::\d\d){1,2})$")


def span_words(start: float, end: float) -> str:
    """The words ``SPAN`` reads back: "0:30 to 1:10"."""
    return f"{clock(start)} to {clock(end)}"


def clock_seconds(text: str) -> float:
    """ "1:10" -> 70.0, "1:00:05" -> 3605.0, "0:45.5" -> 45.5: a clock reading."""
    return sum(float(v) * 60 ** k for k, v in enumerate(reversed(text.split(":"))))


def number(text: str) -> float:
    """The value of a digit string or number words ("twenty-five", "a couple of")."""
    text = text.strip().lower()
    if text[0].isdigit():
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
            return float(text.replace(",", ""))
        return float(text.replace(",", "."))
    if text in _WORDS:
        return float(_WORDS[text])
    tens, _, ones = re.split(r"([\s-])", text, maxsplit=1)
    return float(_TENS[tens] + _WORDS[ones])


def unit_seconds(unit: str) -> float:
    """Seconds in one hour/minute/second, from any of their spellings."""
    return {"h": 3600.0, "m": 60.0, "s": 1.0}[unit.strip().lower()[0]]


def _amount(n: str, unit: str) -> float | None:
    # "a m" or "an s" are not lengths; "a minute" is.
    if n.strip().lower() in ("a", "an") and not _FULL_UNIT.match(unit.lower()):
        return None
    return number(n) * unit_seconds(unit)


class _TooLong(PlanError):
    """A length past ``LONGEST``; ``mark_durations`` names the words that said it."""


def _tok(seconds: float | None, kind: str = "d") -> str | None:
    if seconds is None:
        return None
    if not math.isfinite(seconds) or seconds > LONGEST:
        raise _TooLong
    return f"<{kind}:{round(seconds, 3)!r}>"


class LengthError(PlanError, ValueError):
    """A length no cut can have ("-5 minutes", "99999999999999999999999 minutes"); the
    parser turns it into its one-line PlanError."""


def _negative(m: re.Match) -> str:
    raise LengthError(f"a length cannot be negative: '{m.group(0).strip()}'")


def _clock(m: re.Match) -> str:
    h, mi, s = m.group("h"), m.group("mi"), m.group("s")
    # a clock reading is a point in the film ("between 0:40 and 1:10"); as a length
    # ("a 1:30 cut") the length patterns take ``<t:...>`` as well
    return _tok(float(h or 0) * 3600 + float(mi) * 60 + float(s), "t")


_PART = r"(?P<f>a[\s-]+half|a[\s-]+quarter|three[\s-]+quarters)"


def _part(m: re.Match) -> float:
    """ "and a half" / "and a quarter" / "and three quarters": the share of one unit."""
    return {"h": 0.5, "q": 0.25, "t": 0.75}[re.sub(r"^a[\s-]+", "", m.group("f").lower())[0]]


def _half_after(m: re.Match) -> str | None:
    v = _amount(m.group("n"), m.group("u"))
    return _tok(None if v is None else v + unit_seconds(m.group("u")) * _part(m))


def _half_before(m: re.Match) -> str | None:
    return _tok((number(m.group("n")) + _part(m)) * unit_seconds(m.group("u")))


def _span(m: re.Match) -> str | None:
    if m.group("n").lower() in _TENS and m.group("n2").lower() in _ONES:
        return None  # "twenty-five minutes" is one number, not a range
    if re.search(rf"\d\s*{_UNIT}\s*$", m.string[:m.start()], re.I):
        return None  # "1 min 30 to 2 min": the 30 is the seconds of a length before it
    u = unit_seconds(m.group("u"))
    return (f"{_tok(number(m.group('n')) * u)} {m.group('sep')} "
            f"{_tok(number(m.group('n2')) * u)}")


def _compound(m: re.Match) -> str | None:
    big, small = unit_seconds(m.group("u1")), m.group("u2")
    if small is None and m.group("and"):
        return None
    small_s = unit_seconds(small) if small else big / 60
    if small_s >= big:
        return None
    first = _amount(m.group("n1"), m.group("u1"))
    return _tok(None if first is None else first + number(m.group("n2")) * small_s)


def _simple(m: re.Match) -> str | None:
    return _tok(_amount(m.group("n"), m.group("u")))


_RULES: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(?<![\d:])(?:(?P<h>\d+):)?(?P<mi>\d{1,2}):(?P<s>\d{2})(?![\d:])"), _clock),
    # not "two and a half minutes" (below): that half belongs to the number before it
    (re.compile(r"(?<!\band a )(?<!\band-a-)\bhalf[- ](?:an? )?(?:hour|hr)\b", re.I), lambda m: _tok(1800.0)),
    (re.compile(r"(?<!\band a )(?<!\band-a-)\bhalf[- ](?:a )?(?:minute|min)\b", re.I), lambda m: _tok(30.0)),
    # "a sub-minute edit": under one of the unit
    (re.compile(r"\bsub[- ]?(?P<u>minute|hour)\b", re.I), lambda m: f"under {_tok(unit_seconds(m.group('u')))}"),
    # "the first minute", "the last hour": a unit with no number means one of it
    # ("the last minute and a half": one and a half of it)
    (re.compile(rf"\b(?P<w>first|final|last|opening|closing)\s+(?P<u>minute|hour)(?:\s+and\s+{_PART})?\b", re.I),
     lambda m: f"{m.group('w')} {_tok(unit_seconds(m.group('u')) * (1 + (_part(m) if m.group('f') else 0)))}"),
    (re.compile(r"\b(?:a )?quarter (?:of an )?hour\b", re.I), lambda m: _tok(900.0)),
    (re.compile(r"\bthree quarters of an hour\b", re.I), lambda m: _tok(2700.0)),
    (re.compile(r"\b(?:a )?quarter (?:of )?(?:a )?minute\b", re.I), lambda m: _tok(15.0)),
    (re.compile(r"\bthree quarters of a minute\b", re.I), lambda m: _tok(45.0)),
    (re.compile(rf"(?P<n>{_NUM})\s*(?P<u>{_UNIT})\s+and\s+{_PART}\b", re.I), _half_after),
    (re.compile(rf"(?P<n>{_BARE})\s*(?P<sep>to|and|-|until|till)\s*(?P<n2>{_BARE})"
                rf"\s*(?P<u>{_UNIT})", re.I), _span),
    (re.compile(rf"(?P<n>{_NUM})[\s-]+and[\s-]+{_PART}[\s-]+(?P<u>{_UNIT})", re.I), _half_before),
    (re.compile(rf"(?P<n1>{_NUM})\s*(?P<u1>{_UNIT})\s*(?P<and>,?\s*and\s+)?"
                rf"(?P<n2>(?<![\d.])\d+(?:\.\d+)?|\b{_SAID_NUM})(?:\s*(?P<u2>{_UNIT})|(?![\w.]))",
                re.I), _compound),
    # "in minute 2", "during minute three": the Nth minute of the film (a stretch, read by
    # grammar's "in the 2nd minute"); "minute 2" alone is the point 2:00
    (re.compile(rf"\b(?P<p>in|during|within|inside)\s+minute\s+(?P<n>\d+(?![.\d])|{_SAID_NUM})", re.I),
     lambda m: f"{m.group('p')} the {int(number(m.group('n')))}th minute"),
    (re.compile(rf"\bminute\s+(?P<n>\d+(?:\.\d+)?|{_SAID_NUM})\b", re.I),
     lambda m: _tok(number(m.group("n")) * 60, "t")),
    (re.compile(rf"(?:^|(?<=[\s(,]))(?:-(?!\s)|\u2212|minus\s+|negative\s+)\s*{_DIGITS}\s*{_UNIT}", re.I), _negative),
    (re.compile(rf"(?:^|(?<=[\s(,]))(?:minus|negative)\s+{_NUM}\s*{_UNIT}", re.I), _negative),
    (re.compile(r"\bnegative\s+(?:length|duration|running\s+time|time)\b", re.I), _negative),  # "a negative length cut"
    (re.compile(rf"(?P<n>{_NUM})(?:\s*-\s*|\s*)(?P<u>{_UNIT})", re.I), _simple),
    # "minute-long highlights", "an hour long cut": one of the unit
    (re.compile(r"\b(?P<u>minute|hour)[- ]long\b", re.I), lambda m: f"{_tok(unit_seconds(m.group('u')))} long"),
]


# "between one minute and one minute thirty": two lengths, each read on its own; read whole, the
# first "minute and one" would join as one length and leave "minute thirty" to read as the 30:00 mark
_ONE_LENGTH = (rf"(?:(?:a|an|{_NUM})\s*{_UNIT}(?:\s+(?:{_DIGITS}|\b{_WORD_NUM}\b)(?:\s*{_UNIT})?"
               rf"|\s+and\s+{_PART.replace('?P<f>', '?:')})?)")
_BETWEEN = re.compile(rf"\bbetween\s+(?P<a>{_ONE_LENGTH})\s+and\s+(?P<b>{_ONE_LENGTH})(?![\w.])", re.I)


#: "15 seconds out of the astronaut shots": a length made of them; "cut 10 seconds out of it" takes some away
_OUT_OF = re.compile(r"(?P<w>\b[a-z]+\s+)?(?P<d><d:[\d.]+>)\s+out\s+of\b", re.I)
#: verbs that take seconds away from a cut ("cut 10 seconds out of it": grammar's delta reads them too)
TAKING = ("cut", "trim", "take", "shave", "remove", "lose", "drop", "knock", "chop", "snip")


_OH = re.compile(r"^oh[\s-]", re.I)  # "two oh five": 2:05


#: a bare number where only a length can stand ("trim to 40", "keep it over 20", "15 max"): seconds,
#: the unit of every length cutbot reads; "1m30" is a minute and thirty seconds
_BARE = [(re.compile(p, re.I), r) for p, r in [
    (r"\b(?P<w>under|over|below|above|at\s+least|at\s+most|no\s+(?:more|less|shorter|longer)\s+than|minimum|maximum"
     r"|max|(?:trim|tighten|cut|shorten|bring|get)\s+(?:it\s+)?(?:down\s+)?to)\s+(?P<n>\d{1,3})(?![\d:.]|,\d|\s*(?:%|[a-z]))",
     r"\g<w> \g<n> seconds"),
    (r"(?<![\d.,:])\b(?P<n>\d{1,3})\s+(?=(?:max|tops|or\s+less|or\s+more)\b)", r"\g<n> seconds "),  # not "min": minutes
    (r"\b(?P<m>\d{1,2})m\s?(?P<s>[0-5]\d)s?\b", r"\g<m> min \g<s> s"),
    # "between one thirty and two minutes", "from two fifteen": a clock read aloud, at a place in the film
    (rf"\b(?P<p>between|from|and|to|at|after|before|until|till|past|around|since)\s+(?P<h>{'|'.join(_ONES[1:13])})"
     rf"\s+(?P<s>oh[\s-](?:{'|'.join(_ONES[1:10])})|{'|'.join(_ONES[10:20])}|(?:twenty|thirty|forty|fifty)"
     rf"(?:[\s-](?:{'|'.join(_ONES[1:10])}))?)\b(?![\s-]*(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b)",
     lambda m: f"{m.group('p')} {int(number(m.group('h')))}:{int(number(_OH.sub('', m.group('s')))):02d}"),
]]


def mark_durations(text: str) -> str:
    """Replace every length in ``text`` with ``<d:SECONDS>`` (points: ``<t:SECONDS>``)."""
    for pattern, bare in _BARE:
        text = pattern.sub(bare, text)
    text = _BETWEEN.sub(lambda m: f"between {_marked(m.group('a'))} and {_marked(m.group('b'))}", text)
    return _BUT_LENGTH.sub(" , ", _OUT_OF.sub(lambda m: m.group(0) if (m.group("w") or "").strip().lower() in TAKING
                                              else f"{m.group('w') or ''}{m.group('d')} of", _marked(text)))


#: "every line from tom but keep it under a minute": a "but" that only brings a length ends the clause
_BUT_LENGTH = re.compile(r"\s+but\s+(?=(?:(?:keep|make|cut|trim|have|get)\s+(?:it|this|that|the\s+\w+)\s+|only\s+|just\s+)?"
                         r"(?:under|below|within|at\s+most|no\s+more\s+than|less\s+than|about|around|roughly)?\s*<d:)", re.I)


def _marked(text: str) -> str:
    def sub(m: re.Match) -> str:
        try:
            return handler(m) or m.group(0)
        except _TooLong:
            said = m.group(0).strip()
            said = said if len(said) <= 40 else said[:37] + "..."
            raise LengthError(f"'{said}' is longer than any film: give a length under "
                              f"{LONGEST / 86400:.0f} days") from None
        except LengthError:
            raise
        except (ValueError, OverflowError):  # "1e999": not a number a film can use
            raise LengthError(f"'{m.group(0).strip()[:40]}' is not a usable length") from None

    for pattern, handler in _RULES:
        text = pattern.sub(sub, text)
    return text
