"""Subjects: what the viewer wants kept or dropped, in the viewer's own words.

What is left of a request after ``grammar.py`` took lengths, windows and options is
split at keep/drop markers ("only", "without", "also") and at "and"/commas. Each
piece becomes a ``Query``; cues ("talks about", "shots of", a name) set its modality,
"mostly"/"a bit of" its weight. There are no subject word lists: the planner matches
the words against the film with embeddings (``vocabulary.py`` shows the mapping).

What is NOT a subject is a grammar of stop phrases, not a list of things: politeness
("thx", "could you", "I'd like"), the request's own form ("a quick promo of", "a short
version of", "...and leave everything else"), references to the film ("of it", "of this",
"the whole thing") and order words ("open with", "and after that", "before").
"""
from __future__ import annotations

import re

from .asides import BINOMIAL, FREE, PARTICLE_OUT
from .frames import (SHOT_NOUN, SHOT_OF, SILENCE, SILENCE_WHERE, SILENT_SHOT, TALK_ONLY, clause_topic, no_topic,
                     owner_only, talk_frame, talker_kept, without_lone_talk)
from .grammar import Draft, SegmentRef, segment_ref
from .numbers import ordinal
from .order_words import FIRST_RANK, LAST_RANK, mark_order, placed_by, scoped_people
from .person_phrases import ANYONE, BARE_PERSON, DESCRIBED, FIRST_SEEN, FRAMED_OF, PERSON_N, PICTURED_AND, WHOEVER_FIRST, WORN_AND
from .plan import Query
from .seen_said import SEEN, SPEAKING, UNSEEN
from .traits import MOMENT, first_names, fold_style, person_moment, style_of  # noqa: F401 (re-exported for intent, people)
from .word_forms import ALOUD, COLOUR_WORDS, KIN, PICTURES, PLACES, SNAPS, TALKER, colour_of, unjoined

_I = re.I

MARKER = re.compile(
    r"(?P<ex>(?P<all>\b(?:everything|anything|all)\s+"
    r"(?:but|except(?:\s+for)?|apart from|other than|besides)|\ball but)|(?:\bbut\s+)?\b(?:except(?:\s+for)?|excluding|without|minus|apart from|other than|rather than"
    r"|not|no|sans|none\s+of|never(?=\s+(?:the|a|an|any)\b)|nothing(?!\s+(?:but|else|more|less|other|except)\b))\b|\b(?:cut|take|leave|strip|edit|filter)\s+out\b|\bget rid of\b"
    r"|\b(?:that|which)\s+(?:isn'?t|is not|aren'?t|are not|(?:doesn'?t|does not|don'?t|do not)\s+"
    r"(?:show|have|include|feature|contain))\b"
    r"|\b(?:don'?t|do not)\s+(?:(?:want|need|wanna)(?:\s+to\s+(?:see|watch|have|keep))?|include|show|keep)\b"
    r"|\b(?:remove|drop|lose|skip|exclude|cut|avoid|ditch|omit|delete|kill|scrap|hide|trash|excise)\b)"
    r"|(?P<add>\b(?:also|add|plus|include|bring back|put back)\b)"
    r"|(?P<keep>\b(?:only|just|keep|focus on)\b)", _I)
_SPLIT = re.compile(r"\s*(?:[,;&/+]|[?!:](?=\s+\S)|(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bst)(?<!\bjr)(?<!\bvs)"
                    r"\.(?=\s|$)|\b(?:and|or|n|but|as well as|along with|together with)\b)\s*", _I)
_WHO = (rf"(?:(?:{TALKER}(?:\s+(?:who|that))?|them|whoever|it|characters?"
        # "the chef talking about knives", "the old man talks about the war": what is said (a talker seen
        # while talking, "... while he's on screen", is kept: seen_said reads it)
        rf"|(?:a|an|the|his|her|their)\s+(?!.*(?:{SEEN}|{UNSEEN})\b)(?:[a-z]+\s+(?!(?:who|that|which)\b))?"
        r"[a-z]+)(?:'re|'s|\s+(?:is|are|was|were|keeps|starts|goes on))?)")
_SAY = (r"(?:says?|said|saying|talks?|talking|talked|mentions?|mentioning|mentioned|speaks?"
        r"|speaking|discuss(?:es)?|discussing|chats?|chatting|goes on|rambles?|rambling|rants?|ranting"
        r"|gossip(?:s|ing)?|argu(?:e|es|ing|ed)|bicker(?:s|ing)?|jok(?:e|es|ing)|natter(?:s|ing)?|disagree(?:s|ing|d)?|debat(?:e|es|ing)"
        r"|explains?|explaining|describes?|describing|(?:tells?|telling|told)(?:\s+us)?(?:\s+(?:a|the|that|this|his|her"
        r"|their)\s+(?:stor(?:y|ies)|tales?|anecdotes?|jokes?))?"
        rf"|{ALOUD}|on(?=\s+about\b)|(?:go|going|bangs?|banging|harps?|harping|rabbits?|rabbiting"
        r"|drones?|droning)\s+on|(?:brings?|bringing|brought)\s+up|(?:asks?|asking|asked|complain(?:s|ing|ed)?"
        r"|whing(?:e|es|ing)|boast(?:s|ing)?|brag(?:s|ging)?|wonder(?:s|ing)?)(?=\s+about\b))"
        r"(?:\s+(?:about|of|on|regarding|concerning|re))?")  # "the voice is on about X"
#: how someone feels, said aloud ("somebody is scared about the interview")
_FEELING = (r"(?:scared|worried|nervous|anxious|excited|upset|angry|annoyed|stressed|stressing|fretting|panicking|happy"
            r"|sad|sorry|cross|mad|thrilled|unhappy|fed\s+up)")
_CUES: list[tuple[re.Pattern, str]] = [(re.compile(p, _I), mod) for p, mod in [
    # a question of what to do ("where to go on holiday") is talked over, never shown; a feeling ("scared about X") is said
    (rf"^\s*(?:(?:the\s+|a\s+)?(?:bits?|parts?|moments?|scenes?|sections?)\s+)?(?:(?:when|whenever|where)\s+)?(?:{_WHO}\s+)?"
     rf"(?:(?:are\s+|is\s+)?(?:decid(?:e|es|ing)|choos(?:e|es|ing)|(?:sort|sorts|sorting|work|works|working"
     r"|figure|figures|figuring)\s+out|plan(?:s|ning)?|debat(?:e|es|ing))\s+)?"
     r"(?=(?:what|where|how|which|whether|when)(?:'s\s+for|\s+to)\s+[a-z])", "speech"),  # "deciding what's for tea"
    # "where do they decide to go on holiday", "when they agree to meet": a decision is said
    (rf"\b(?:where|when|whenever)\s+(?:(?:do|does|did)\s+)?{TALKER}\s+(?:decid(?:e|es|ed|ing)|agree(?:s|d|ing)?)"
     r"\s+(?=to\s+[a-z])", "speech"),
    (rf"\b{_WHO}\s+(?:(?:so|really|very|quite|a\s+bit|a\s+little|pretty)\s+)?{_FEELING}\s+(?:about|of|over)\b", "speech"),
    (rf"\b(?:(?:where|when|whenever|in which)\s+(?:(?:does|do|did|will|would|is|are)\s+)?)?"
     rf"{_WHO}\s+(?:(?:just|only|really|actually|also|always|still|then)\s+)?{_SAY}\b", "speech"),
    (r"\b(?:the\s+)?(?:parts?|bits?|sections?|stretch|passages?|segments?|portions?|excerpts?)\s+(?:about|on|regarding"
     r"|concerning)\b|\b(?:references?|allusions?)\s+to\b|\bthe\s+ones?\s+(?:about|regarding|concerning)\b",
     "speech"),  # "the bit about the launch", "but not the one about the photos": what is talked about
    (rf"\b(?:(?:is|are|being|gets?|was|were)\s+)?(?:{ALOUD}|announced"
     r"|said aloud|spoken aloud)\b", "speech"),
    (r"(?<=\w)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bany)(?<!\bsome)(?<!\ball)(?<!\bno)(?<!\bof)"
     r"\s+(?:talk|chat|chatter|conversations?|discussions?|dialogue|lines?|quote|commentary|remarks|comments|soundbites?)\s*$",
     "speech"),  # "soup talk", "the queen of clubs line"
    (r"(?<!'s )(?<!’s )\b(?:mentions?|talk|chats?|convos?|discussions?|conversations?|dialogue|lines?|quotes?|speech|jokes?"
     r"|anecdotes?|stor(?:y|ies)|tales?|rants?|complaints?|arguments?|debates?|gossip|banter)\s+(?:of|about)\b", "speech"),  # not "Dan's lines about X"
    (r"\bthe\s+(?:line|phrase|words?|quote)\b", "speech"),
    (r"(?:\b(?:is|are|gets?|get)\s+|(?<=\w)(?:'s|’s)\s+)(?:mentioned|said|discussed|talked about|brought up)\b"
     r"|\b(?:crops?|cropped|cropping)\s+up\s*$", "speech"),  # not "comes up": the sun comes up too
    (r"\b(?:(?:where|when|whenever|in which)\s+)?(?:we|you|i)\s+(?:can\s+)?(?:see|spot|watch)\b"
     r"|\b(?:that|which)?\s*(?:shows?|showing)\b(?!\s+up\b)", "visual"),
    # "the aerial views of the city": how the camera looks is no part of the thing
    (r"\b(?:(?:aerial|overhead|bird'?s[- ]?eye|establishing|panoramic|drone|sweeping|high[- ]angle)\s+)*"
     r"(?:shots?|footage|images?|pictures?|pics?|photos?|photographs?|snaps?|snapshots?|stills?|glimpses?|close-?ups?"
     r"|views?)\s+of\b", "visual"),
    (r"\b(?:(?:is|are)\s+)?(?:on[ -]screen|in (?:the )?frame|in shot|visible|in view"
     r"|(?:is|are)\s+shown|appears?|shows? up|turns? up|pops? up|is seen)\b", "visual"),
]]
#: a name said before being on screen ("Max on screen", "whenever Alice shows up"): a face
_ON_SCREEN = r"(?:is\s+|are\s+)?(?:on[ -]screen|in (?:the )?frame|in shot|in view|appears?|shows? up|turns? up)\b"


def said_seen(request: str) -> bool:
    """"Lena on screen", "whenever Alice shows up", "where we can see him": the person's sight
    asked, so their voice over other shots is not theirs to fill a length with (fill.fill)."""
    return re.search(rf"\b{_ON_SCREEN}|\b(?:we|you)\s+(?:can\s+)?see\b", request, _I) is not None


_ROLE = re.compile(r"^(?:main\s+)?(?:hero(?:ine)?e?s?|villains?|protagonists?|antagonists?"
                   r"|main characters?|lead (?:character|actor|actress)s?|sidekicks?)$", _I)
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|near|into|inside|over|across|around)\s*$", _I)
_HEAVY = re.compile(r"^\s*(?:(?:with|and|but|the)\s+)*(?P<w>mostly|mainly|largely|especially"
                    r"|above all|primarily|lots of|plenty of|loads of|a lot of|heavy on|more of"
                    r"|(?:way |much |a lot |lots )?more)\s+", _I)
_LIGHT = re.compile(r"^\s*(?:(?:with|and|but|the)\s+)*(?P<w>a (?:little )?bit of|a little"
                    r"|a touch of|a hint of|a dash of|less of|less|fewer|light on"
                    r"|not too much(?: of)?)\s+", _I)
_LEAD = frozenset("""a an the some any all every each of with where when whenever while whilst which that in on about
    featuring containing involving having has have there there's is are it me us scenes scene parts part
    bits bit moments moment clips clip segments sequences sequence everything anything stuff shot shots
    things ones those these more from whole put move place stick but maybe perhaps possibly probably
    somewhere what whatever like either see watch ever got he's she's they're""".split())
_TRAIL = frozenset("""too also please only now and but or then it of in with is are again
    this that these those stuff things thing etc whatnot so on here there them for to at by
    though tho either one ones somewhere anywhere""".split())
#: Words that are never a subject alone ("quick", "this", "the whole thing"): a part made
#: only of them is dropped ("a quick , promo of the birds" leaves "a quick").
_VOID = frozenset("""quick short shorter brief little tiny fast small nice cool fun punchy snappy
    whole entire thing things stuff everything anything it this that these those one ones
    rest else all bit bits lot lots some please thanks yes ok okay whatever them what's whats
    something somethin footage material content whatever's whatevers somewhere anywhere
    good great best interesting really very super pretty quite rather fairly somewhat total altogether overall long
    longer perfect lovely brilliant awesome excellent fine fab fabulous fantastic wonderful amazing superb
    splendid cheers yeah yep yup alright beautiful gorgeous stunning""".split())  # "perfect, now add subtitles": a verdict on the cut
_NOUNS = frozenset("""scenes moments clips sequences segments shots footage bits parts pieces
    clip part bit piece supercut recap summary highlights video material content
    saga sagas story stories storyline storylines arc arcs thread threads subplot subplots""".split())  # "the driving test saga": the topic
#: one shot of a thing ("the bike shot": the bike), not a place in the film ("the last shot")
_ONE_OF = frozenset("shot scene moment sequence segment".split())
_PLACED = PLACES | {"previous"}
SILENT_OF = re.compile(rf"(?:{SILENCE.pattern})\s+(?:with|of|showing|featuring)\b", re.I)
_PLACEHOLDER = re.compile(r"<q(\d+)>")
_TOKENS = re.compile(r"<(?:[dt]:[^>]*|o:\w+|q\d+|sil|silshot)>")

#: a keep marker after its clause ("drop X. Silent shots only.") is said before it: "only silent shots"
_ONLY_AFTER = re.compile(r"(^|[.;,!?]\s*)([^.;,!?<]*?[a-z][^.;,!?<]*?)\s+(only|just)\s*(?=[.;,!?]|$)", _I)
_SPLITTERS = re.compile(MARKER.pattern + r"|(?P<o><o:(?P<tag>\w+)>)", re.I)


def clean(text: str) -> str:
    """Trim filler words off both ends of a subject; the middle is the viewer's."""
    words = text.strip(" \t,.;:!?-\u2013\u2014").split()
    while words and (words[0].lower() in _LEAD or _void_lead(words)):  # "the good stuff with the lions"
        words.pop(0)  # "a really short one with"
    if all(w.lower().strip(",.!?") in _VOID for w in words):
        return ""
    while words and (words[-1].lower() in _TRAIL  # "car chase scenes"; not what a clause's verb is
                     or len(words) > 1 and (words[-1].lower() in _NOUNS | SNAPS  # done to ("who takes pictures")
                                            or words[-1].lower() in _ONE_OF and words[-2].lower() not in _PLACED
                                            and not ordinal(words[-2]))  # "the 4th shot": a place
                     and not any(w.lower() in ("who", "that") for w in words[-4:-1])):
        words.pop()
    return " ".join(words).strip(" ,.;:!?-\u2013\u2014")


def _void_lead(words: list[str]) -> bool:  # "a really short one with": empty words before a leading one
    j = next((i for i, w in enumerate(words) if w.lower() not in _VOID | PICTURES), len(words))
    return 0 < j < len(words) and words[j].lower() in _LEAD | {"one", "ones", "version"}


def _is_name(text: str, raw: str, request: str) -> bool:
    """Title-case words that are not the request's first word, a place ("in Paris") nor a title ("the Mona Lisa")."""
    words = text.removesuffix("'s").split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    if text.endswith("'s"):  # "Alice's scenes"
        return True
    before = raw[: raw.find(words[0])] if words[0] in raw else ""
    first = request.lstrip(" \"'“‘(").startswith(words[0]) and len(words) < 2  # "Grace Hopper"
    return not first and not re.search(r"\bthe\s+$", before, re.I) and not _LOCATIVE.search(before) and words[0] != "I"


def _weight(raw: str) -> tuple[str, float]:
    for pattern, weight in ((_HEAVY, 2.0), (_LIGHT, 0.5)):
        m = pattern.match(raw)
        if m:
            return raw[m.end():], weight
    return raw, 1.0


_TOLD = re.compile(r"\b[a-z]+ing\s+(?:on\s+)?(?:about|of|over)\b|\s(?:who|that)\s")  # a speaker told by a clause
#: "when the woman is talking", "the man in the hat speaks": the speaker is the subject
#: (what they say is not given), so the saying verb goes and the person stays
_SPEAKER = re.compile(r"^\s*(?:(?:(?:the|every|each|any|all(?:\s+the)?)\s+)?(?:scenes?|shots?|parts?|bits?|moments?|times?)\s+"
                      r"(?=when|where|in\s+which))?(?:(?:when|where|whenever|while|what|everything|anything|in\s+which)\s+)?(?P<who>(?:the|a|an|that|this|his|her|their)\s+"
                      r"(?:[\w'-]+\s+){0,3}?[\w'-]+(?:\s+(?:in|with|wearing|from|who|that)\s+[^,;]*?)?)"
                      r"\s+(?:is\s+|are\s+|was\s+|starts?\s+|keeps?\s+)?(?:talks|talking|speaks?|speaking"
                      r"|says?(?:\s+(?:anything|something|stuff))?|saying|chats|chatting)"
                      r"(?P<sight>\s+while\s+(?:[a-z]+\s+)?(?:in\s+sight|off\s+screen))?\s*$", re.I)  # not "tax talk"; seen_said's clause


def _parts(chunk: str, restricts: bool = False) -> list[list]:
    """Split a chunk into [raw, modality, cue-leads] and spread cues to cue-less siblings."""
    parts = []
    for raw in _SPLIT.split(chunk):
        modality, lead = None, True
        all_talk = no_topic(raw)  # "what do they talk about": all the talk
        sp = None if all_talk else _SPEAKER.match(raw)
        if sp or all_talk:  # lead None: the talk itself is the subject, lent to no sibling
            said = sp and (sp.group("sight") or (SPEAKING if DESCRIBED.match(sp.group("who").strip()) else " says"
                                                 if _TOLD.search(sp.group("who")) or sp.group("who").split()[-1].lower() in KIN
                                                 else ""))  # "the guy moaning about X says", "the brother talking"
            parts.append([sp.group("who") + said, None, True] if sp else ["talk", "speech", None])
            continue
        for pattern, mod in _CUES:
            m = None if modality not in (None, mod) else pattern.search(raw)
            if m and m.end() >= len(raw.rstrip()) and not clean(_weight(raw[:m.start()])[0]):
                continue  # "more dialogue", "the talk": the cue word is the subject itself
            if m and modality is None:
                modality, lead = mod, bool(clean(raw[m.end():]))
                if not lead and re.search(rf"{_FEELING}\s+\w+$", m.group(0), _I):  # "worried about something": the worry
                    raw = re.sub(r"\s+(?:about|of|over|on|regarding|concerning)\s*$", "", raw[:m.end()], flags=_I)
                    break
                raw = (talker_kept(raw[:m.start()], m.group(0)) + " " + clause_topic(raw[m.end():].strip())
                       if mod == "speech" else raw[:m.start()] + " " + raw[m.end():])
                if mod == "speech":
                    break
            elif m:  # "a picture of a dog on screen": every cue of a picture goes
                raw = raw[:m.start()] + " " + raw[m.end():]
        frame = talk_frame(raw) if modality is None else None  # "the chat about X", "the X commentary"
        own = frame and owner_only(frame[0])  # "their chat about X": X
        parts.append([f"{'' if own else frame[0]} {frame[1]}", "speech", True] if frame else [raw, modality, lead])
    parts = without_lone_talk(parts, clean, restricts)  # "when they say hi and introduce themselves"
    for seq in (parts, parts[::-1]):       # forward from leading cues, back from trailing
        carry = None
        for p in seq:
            if p[1] is None and carry:
                p[1] = carry[0]
            elif p[1] is not None:
                carry = (p[1],) if p[2] == (seq is parts) else None
    return parts


def subjects(chunk: str, d: Draft, request: str, dropping: bool) -> list[Query]:
    """Queries in one keep/drop chunk; pointers ("the second chase") go to ``d.refs``."""
    out: list[Query] = []
    for raw, modality, _ in _parts(chunk, d.match == "all"):
        said = [d.quotes[int(i)] for i in _PLACEHOLDER.findall(raw)]
        if said:
            out += [Query(text=q, modality="speech", exact=True) for q in said]
            continue
        if "<sil>" in raw:  # "the dogs where nobody talks": the dogs, when nobody talks
            out.append(Query(text="no speech", modality="silence"))
            raw = raw.replace("<sil>", " ")
        if "<silshot>" in raw:  # "the shot where nobody talks": a whole shot without a word
            out.append(Query(text=SILENT_SHOT, modality="silence"))
            raw = raw.replace("<silshot>", " ")
        raw, weight = _weight(_TOKENS.sub(" ", raw))
        text = unjoined(clean(raw).replace("_and_", " and "))  # "things_you_can_ride" (word_forms.keep_uses)
        if not text:
            continue
        if re.fullmatch(r"[a-z]+(?:[ -][a-z]+)?'s", text) and re.search(
                rf"\bthe\s+{re.escape(text)}\s+(?:scenes?|bits?|shots?|parts?|clips?|moments?|stuff|footage)\b", raw, _I):
            text = text[:-2]  # "the dog's scenes": the dog ("Tom's scenes" stays his, "the sister's lines" her talk)
        ref = segment_ref(text) if dropping else None
        if ref is None and dropping and text.isdigit():
            ref = SegmentRef(int(text))  # "cut segments 2 and 4", "lose clip 3": no subject is a bare number
        if ref is not None:
            d.refs.append(ref)
            continue
        who = _who(text.removesuffix(SPEAKING), raw, request) if modality in (None, "any", "person") else (
            "anyone" if modality == "visual" and ANYONE.match(text) else
            "name" if modality == "visual" and _is_name(text, raw, request) and re.search(  # "Max on screen"
                rf"(?<!\bthe\s)\b{re.escape(text)}\s+{_ON_SCREEN}", request) else
            "described" if modality == "visual" and (DESCRIBED.match(text) or FIRST_SEEN.match(text) or MOMENT.match(text))
            else None)  # "every shot of the man in the hat"
        if who is not None:
            modality, text = "person", text.removesuffix("'s")
        modality = modality or "any"
        out.append(Query(text=text, modality=modality, weight=weight, who=who,
                         colour=colour_of(text) if modality in ("any", "visual") and not dropping else None))
    return out


def _names_alike(queries: list[Query]) -> list[Query]:
    """ "Alice and Bob": Bob is a name, so Alice (who starts the request) is one too."""
    if not any(q.who == "name" for q in queries):
        return queries
    return [q.model_copy(update={"modality": "person", "who": "name"}) if q.modality == "any"
            and _is_name(q.text, q.text, "") else q for q in queries]


_BACK = frozenset(("him", "her", "them"))  # a pronoun after a kept subject points back to it
_CLAUSE_WORDS = frozenset("who what it she he they was is were are".split())  # ... or a clause of pronouns


#: "the flower, the orange one", "fruit - just the green ones": a colour said of the thing before
_COLOUR_ONE = re.compile(rf"\b(?P<x>[a-z][a-z'-]*)\s*[,-]\s*(?:(?:but\s+)?(?:just|only)\s+)?the\s+"
                         rf"(?P<c>{COLOUR_WORDS})(?:-?ish)?\s+ones?\b", re.I)


def _uncontracted(text: str) -> str:  # "every shot he's in": "he is", a clause of pronouns
    return re.sub(r"'re\b", " are", re.sub(r"\b(he|she|it)'s\b", r"\1 is", text))


def _pronouns(exclude: list[Query], include: list[Query]) -> list[Query]:
    """ "Tom's voice over other pictures, not the shots of him": the person a pronoun points
    back to is the first name the kept subjects begin with; with none, the pronoun stays."""
    names = [m.group(1) for q in include if (m := re.match(r"([a-z]+)(?:'s|s')?\b", q.text.lower()))
             and m.group(1) in first_names()]
    return [q.model_copy(update={"text": names[0]}) if names and q.text.lower() in _BACK
            else q for q in exclude]


def _who(text: str, raw: str, request: str):
    """The kind of person words (``plan.Who``), or None when ``text`` names no person."""
    if PERSON_N.match(text):
        return "name"
    if _ROLE.match(text):
        return "role"
    if _is_name(text, raw, request):
        return "name"
    if ANYONE.match(text):
        return "anyone"
    if DESCRIBED.match(text) or FIRST_SEEN.match(text) or MOMENT.match(text):
        return "described"
    return None


def find_subjects(text: str, d: Draft, request: str) -> None:
    """Split at keep/drop markers; each chunk's subjects go to the side its marker says.
    Order tokens also split, and give the include subjects their play order (``d.rank``)."""
    text = _ONLY_AFTER.sub(r"\1 \3 \2 ", WHOEVER_FIRST.sub(r"the \g<o> person", text))  # "whoever shows up first": who.seen_person
    text = FRAMED_OF.sub(r"\g<k> on ", text)  # "close-ups of X" is a framing of X (framing.py), not "X"
    text = BINOMIAL.sub(lambda m: f"{m.group(1)}_and_{m.group(2)}", text)  # one word till clean
    text = _COLOUR_ONE.sub(r"\g<c> \g<x>", text)  # "the flower, the orange one": the orange flower
    text = PICTURED_AND.sub(r"\1_and_", WORN_AND.sub(lambda m: m.group(0) if m.group("n")[0].isupper() else f"{m.group(1)}_and_", text))
    text = FREE.sub(lambda m: f" {m.group('rest') or ''} , without {m.group(1)} ", PARTICLE_OUT.sub(r"\1 out \2", text))
    text, where = SILENCE_WHERE.subn(
        lambda m: " <silshot> " if SHOT_NOUN.match(m.group(0)) or SHOT_OF.search(
            m.string[:m.start()]) else " <sil> ", text)
    where += len(SILENT_OF.findall(text))  # "the silent parts with the cat": the cat, silent
    text = mark_order(SILENCE.sub(" <sil> ", text))
    side, pos, tag, k = d.include, 0, None, 0.0
    previous: list[str] = []  # the last chunk's include subjects
    earlier: list[str] = []  # the include subjects of the chunk before that
    said = ""  # the words of the last chunk with include subjects
    for m in [*_SPLITTERS.finditer(text), None]:
        end = m.start() if m else len(text)
        found = subjects(text[pos:end], d, request, side is d.exclude)
        side += [q for i, q in enumerate(found) if q not in side and q not in found[:i]]
        keys = [q.text.casefold() for q in found if side is d.include and q.modality != "silence"]
        if keys:
            k += 1
            rank = {"first": FIRST_RANK + k, "last": LAST_RANK + k}.get(tag, k)
            if tag == "after" and previous:  # "the boats after the dogs": the dogs first
                rank = min(d.rank.get(p, k) for p in previous) - 0.5
            for key in keys:  # "X and Y, end with X": the order word places X again
                if tag in ("first", "last"):
                    d.rank[key] = rank
                else:
                    d.rank.setdefault(key, rank)
            earlier, previous, tag, said = previous, keys, None, text[pos:end]
        if m and m.group("o"):
            o = m.group("tag")
            if o in ("isfirst", "islast"):  # "the dogs first": about the chunk before
                for key in placed_by(previous, said):
                    d.rank[key] = (FIRST_RANK if o == "isfirst" else LAST_RANK) + d.rank.get(key, k)
            elif o == "isbefore" and (earlier or len(previous) > 1):
                # "the cat, but the dog before it": the pronoun is the subject said just before
                # (in this chunk or the last), and the one placed plays ahead of it
                referent = previous[-2] if len(previous) > 1 else earlier[-1]
                d.rank[previous[-1]] = d.rank.get(referent, k) - 0.5
            elif o[:2] == "is" and o[2:].isdigit():  # "the dog second": its place after the first
                for key in previous:
                    d.rank[key] = FIRST_RANK + 100 * int(o[2:]) + d.rank.get(key, k)
            else:
                tag = o
                side = d.include if o in ("first", "last", "next") else side  # "open with X" keeps X
            d.ordered = True
        elif m:
            side = d.exclude if m.group("ex") else d.include
            d.additive |= bool(m.group("add"))
            d.everything |= bool(m.group("all"))
        if m:
            pos = m.end()
    if d.match == "all" and d.include:  # "grace hopper while someone talks about her": she is talked about
        d.include[1:] = [q.model_copy(update={"text": d.include[0].text}) if q.modality == "speech" and not q.exact
                         and q.text.lower() in _BACK else q for q in d.include[1:]]
    d.include[:] = [q for i, q in enumerate(d.include) if not i or q.exact  # "X, every shot of him", "X while they
                    or q.modality == "speech" and d.match != "all"  # tell us who she was"; not "X? all her lines"
                    or not set(re.findall(r"[a-z]+", _uncontracted(q.text.lower()))) <= _BACK | _CLAUSE_WORDS]
    d.include[:], d.exclude[:] = _names_alike(d.include), _names_alike(_pronouns(d.exclude, d.include))
    d.include[:] = scoped_people(d.include, d.rank, request, lambda t: bool(BARE_PERSON.fullmatch(t)))
    fold_style(d.include, d.exclude)
    talk = [q for q in d.exclude if not q.exact and TALK_ONLY.fullmatch(q.text)]
    if talk:  # "cut out the talking": where nobody talks (the transcript), not a subject
        d.exclude[:] = [q for q in d.exclude if q not in talk]
        if not any(q.modality == "silence" for q in d.include):
            d.include.append(Query(text="no speech", modality="silence"))
        if len(d.include) > 1:
            d.set("match", "all")
    if where and len(d.include) > 1 and any(q.modality == "silence" for q in d.include):
        d.set("match", "all")
