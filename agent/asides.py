"""What is said around the subjects, and is not one: asides and quotes.

Politeness and filler ("thx", "could you", "I'd like", "...and leave everything else"),
lines said (quoted, or after "says" without quote marks), English pairs that are one
thing ("black and white"). Silence ("the parts where nobody talks") is read with the talk
frames (frames.py). ``subjects.py`` splits what is left.
"""
from __future__ import annotations

import re

from .word_forms import ASKING_MODALS, DROP_VERBS, GONE_VERDICT, GREY, INTERJECTIONS, TALKER, TURN_MARKERS, VOICE_OVER

_I = re.I
#: the whole film, said as a thing ("the whole thing", "the entire movie"): filler beside a subject, and what
#: "flip the order of the whole thing" turns round with no cut on screen (intent._plan)
WHOLE_FILM = r"(?:whole|entire|full|complete) (?:film|movie|thing|video|clip|cut|edit|version)"

#: "...and leave everything else", "and nothing else", "drop the rest": "only", said again.
_REST = (rf"(?:and\s+)?(?:{DROP_VERBS}"
         r"(?:\s+(?:out|off))?\s+(?:(?:everything|anything|all)\s+else|the rest(?:\s+of\s+it)?)"
         r"(?:\s+(?:out|off|aside|behind|alone))?"
         r"|(?:and\s+)?(?:nothing|none of the rest) else|and (?:that'?s|that is) (?:it|all)"
         r"|(?:and\s+)?(?:(?:everything|anything|all)\s+else|the rest)\s+(?:can\s+go|goes|has\s+to\s+go|must\s+go|can\s+be\s+cut)"
         r"|(?:and\s+)?(?:(?:everything|anything|all)\s+else|the rest)\s+(?:is|are|can stay|stays|is fine)"
         r"(?:\s+(?:fine|ok(?:ay)?|good|great|welcome|in))?)")
FILLER = re.compile(
    r"\b(?:(?:thanks|thank you|cheers|ta)(?: (?:a lot|so much|very much))? (?:dear|love|luv|mate|hun|hon|darling|pal"
    r"|buddy|babe|bro|sweetie|x+)\b"  # a name for the one asked: "thank you dear"
    r"|(?:thanks|thank you) (?:a lot|so much|very much)|please|pls|plz|thanks|thank you|thx|thnx|thanx|tnx|ty"
    r"|cheers|kindly|pretty please|much appreciated|hiya|howdy|lowkey|highkey|fr|ngl|tbh|imo|imho|bestie|rn"
    r"|compile|so|basically|um+|uh+|erm|oh+|you know|i guess|i think|kind of|sort of|literally"
    r"|(?:i\s+)?(?:was|am|'m|were)?\s*wondering\s+(?:if|whether)|at all|whatsoever|if that'?s (?:ok(?:ay)?|alright"
    r"|possible|fine)|(?:that )?would be (?:great|nice|awesome|ideal|perfect|good|cool)"
    r"|play\s+(?:it|them|these|those|everything)|if you don'?t mind|when you get a chance"
    r"|what (?:i|we) (?:really |actually |just )?(?:want|need|'d like|would like|wanna|'m after|am after)"
    r"(?: to (?:see|watch|have|keep))? (?:is|are)|(?:edit|video|clip|montage|compilation|reel|version)\s+(?:that|which)"
    r"|if you please|(?:would|could) you be (?:so|very) kind as to|(?:warm(?:est)?|kind(?:est)?|best) (?:regards|wishes)"
    r"|yours (?:sincerely|truly|faithfully)|many thanks|don'?t ask|long story"  # a letter's courtesies
    r"|completely|entirely|altogether|totally|wholly"  # "cut max out completely": how much, said of the cut
    # "no goats. none. zero.": an emphasis said as its own clause, never a thing to find
    r"|(?:(?<=^)|(?<=[,;.!?])|(?<=[,;.!?]\s))(?:none|zero|nada|zilch|not\s+(?:one|a\s+single\s+one|a\s+one)|period"
    r"|full\s+stop|no\s+exceptions?|ever|never)(?:\s+at\s+all)?(?=\s*(?:[,;.!?]|$))"
    r"|of (?:any|every|all) (?:sorts?|kinds?|types?)|(?:any|every|all) (?:sorts?|kinds?|types?) of"  # "vehicles of any sort"
    r"|(?:pull|pick|dig|fish|grab)(?:ing)?\s+(?:out|up)(?=\s+(?:the|a|an|all|every|any|some|just|only)\b)"
    r"|(?:pull|pick|dig|fish|grab)(?:ing)?\s+(?:that|it|those|them|these)\s+(?:out|up)"
    r"|(?:find|fetch|grab|dig up|pull up)\s+(?:it|that|them|those)(?=\s*(?:[,;.!?]|$|for me))"
    r"|(?:find|fetch|grab|get|pull up|dig up|(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bone\s)(?<!body\s)(?<!people\s)"
    r"bring up|finding|fetching|grabbing|getting|pulling up|bringing up)(?:\s+me)?(?=\s+(?:the|a|an|all|every|any|some)\b)"
    r"|extract|collect|gather"
    r"|(?:look(?:ing)?|search(?:ing)?|hunt(?:ing)?)\s+for(?=\s+(?:the|a|an|all|every|any|some)\b)|do\s+me(?=\s+(?:a|an)\b)"
    r"|if\s+there(?:'s|s|\s+is|\s+are)(?=\s+(?:a|an|any|some)\s+[a-z])|(?:(?:do|did)\s+)?you\s+have(?:\s+got)?|have\s+you\s+got"
    r"(?=\s+(?:anything|something|any|a|an|some)\b)"
    r"|as (?:it )?is(?=\s*(?:[,;.!?]|$))"  # "keep everything else as is"
    r"|(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)(?<!n't\s)(?<!\bnot\s)show(?=\s+(?:the|a|an|some|all|us|them|any|every)\b)"
    r"|you (?:could|can|would|might)|maybe|perhaps|possibly|let(?=\s+(?:the|a|an|some|all|every|those|these)\b)"
    r"|for (?:my|our) [a-z]+(?=,?\s+(?:i|we)\b)"  # "so for my mum i want ...": who the cut is for
    r"|(?:a\s+)?long\s+(?:one|message|request|list|email|note)\s*,?\s*sorry|sorry\s+(?:for|about)\s+(?:the|this|my)\s+"
    r"(?:long\s+)?(?:message|essay|ramble|list|request|email|note)|sorry\s+to\s+(?:bother|trouble)\s+you"  # an apology
    r"|save(?=[^,;]*\b(?:for|till|until)\s+(?:the\s+)?(?:last|end|finale)\b)"
    r"|i(?:'d| would) (?:rather|prefer)|rather(?!\s+than\b)|summari[sz]e|sum\s+(?:it|this|that|everything|things)?\s*"
    r"(?:all\s+)?up|condense|shorten|boil\s+(?:it\s+|this\s+|everything\s+)?down|compress"
    r"|honestly|(?:i )?(?<!n't )(?<!\bnot )(?<!\bnever )(?:really |just |only )?(?:want|need|wanna)(?: to (?:see|watch|have|keep))?"
    r"|if (?:you )?(?:can|could|would|will|possible|you don'?t mind|(?:you )?(?:please|wish|like))|for me|(?:would|do) you mind|i(?:'d| would) love"
    r"|i(?:'m| am) looking for|looking for|i(?:'d| would) (?:be|feel) (?:very |so |most |really )?(?:grateful|thankful|obliged)"
    r"|i should (?:like|love)|(?:(?:would|will) it be|is it) possible (?:for you )?to|short and sweet|lol|lmao|haha+|asap|i\s+(?:dunno|don'?t\s+know)(?=\s*,)|idk"
    r"|i(?:'m| am)(?: (?:really |mostly |mainly )?(?:after|interested in|keen on|hoping for|hoping to see|wanting))?"
    r"|ta(?:\s+very\s+much)?(?=[\s!.,]*$)|(?<=\w)\s+really(?=\s*(?:[,;.!?]|$))"
    # "the cat or the dog, whichever": either will do, no subject
    r"|(?<=,\s)(?:whichever(?: one)?|either(?: one)?(?: is| will do| works)?(?: fine| ok(?:ay)?| good)?"
    r"|(?:it\s+)?does(?:n'?t| not) matter which(?: one)?)(?=\s*(?:[,;.!?]|$))"
    r"|(?:can|could|may) (?:i|we) (?:get|have|see|watch)"
    # where the cut will be shown, not a subject: "a clip for instagram", "for a presentation at work"
    r"|for (?:instagram|insta|tiktok|youtube|twitter|facebook|whatsapp|snapchat|my story|(?:a|an|the|my|our|this|next)"
    r"(?: [a-z0-9]+){0,3}? (?:presentation|slideshow|meeting|class|lesson|talk|lecture|project|assignment|homework|workshop|seminar|course"
    r"|podcast|episode|show|vlog|blog|channel|trailer|reel|intro|outro|assembly|segment)"
    r"(?: (?:on|about) [a-z]+(?: [a-z]+)?)?(?: at (?:work|school|uni(?:versity)?|college))?|(?:year|grade|key stage) \d+"
    r"|work|school)(?=\s*(?:[,;.:!?]|$)|\s+(?:i|we|everything|only|just|all|every|show|give|please)\b)"
    r"|gimme|lemme see|if (?:there (?:are|is) (?:any|some|one)|there'?s (?:any|one)|any)"
    r"|" + _REST + r"|(?:can|could|would) (?:you|u)(?: (?:do|get|make)(?:\s+like)?(?=\s+(?:the|a|an|some|all|me|us)\b))?"
    r"|(?:can|could|shall|should|may) (?:we|i) (?:see|watch|hear|have|get)(?= (?:more|less|some more)\b)"  # "can we hear more of X"
    r"|(?:we|you|i) (?:can|could|should|might as well|may as well)(?= (?:lose|drop|cut|remove|ditch|skip|scrap|bin)\b)"
    r"|(?:can|could|shall|should|may) (?:we|i)(?= (?:lose|drop|cut|remove|ditch|skip|scrap|trim|keep|add|put|move|take|bring"
    r"|swap|have|get|see|watch|hear|try|include|also|only|just|not|make)\b)"
    r"|i(?:'d| would)? (?:like|want|wanna)(?: to (?:see|watch|have|keep))?|let me (?:see|watch|hear)"
    r"|(?:let'?s|let us) (?:see|watch|hear|get)(?= (?:the|a|an|some|all|more|less|only|just)\b)|show me|give me|make me|now"
    r"|instead|actually|i (?:meant|mean)|ok(?:ay)?|hey|hi|(?:make|keep|get) it|(?<!\bto\s)(?:make|create|build|render|prepare|produce|assemble)"
    r"|(?:a|an|my|the|new|another)\s+(?:\w+\s+)?cut\b(?:\s+(?:of|with|featuring|where))?"
    r"|cut (?:of|with|featuring)|version(?:\s+(?:of|with|featuring|that has|containing|where))?"
    r"|(?:edit|montage|compilation|reel)\s+(?:of|with|featuring|that has|containing|where)"
    r"|(?:(?:of|from|in) )?(?:the|this|my) (?:whole |entire )?(?:film|movie|video)"
    r"|(?:the )?" + WHOLE_FILM + r"|as well(?!\s+as)"
    r"|(?:play|pull)(?=\s+(?:the|all|every|those|these|my)\b)|too|again|this time"
    r"|(?:every|each|both) times?(?:\s+(?:it|they|he|she)\s+(?:appears?|shows?\s+up|comes?\s+up|turns?\s+up|is\s+on))?|any ?time(?!\s+(?:after|before|between|from|in|during|until)\b)"
    r"|what(?:ever)? (?:happens|goes on|is going on|went on|comes)|what(?:ever)?'s (?:going on|happening|on screen)"
    r"|(?:(?<=everything )|(?<=anything )|(?<=all )|(?<=stuff ))(?:that|which) (?:comes|happens|follows)|i)\b", _I)
#: English pairs that are one thing ("black and white photos"), never two subjects
BINOMIAL = re.compile(r"\b(black|salt|fish|rock|bread|mac|arts|odds|ups|flesh)(?:\s+|-)(?:and|&|n|'n')(?:\s+|-)"
                      r"(white|pepper|chips|roll|butter|cheese|crafts|ends|downs|blood)\b", _I)

#: "take the cars out": the particle moved back beside its verb
PARTICLE_OUT = re.compile(r"\b(take|cut|leave|strip|filter|edit)\s+((?:the|all|any|every|those|these)\b[^,;<]{1,40}?"
                  r"|(?!(?:it|them|that|this|those|these|me|us|him|her|everything|anything|something)\b)[a-z]+)"
                  r"\s+out\b", re.I)  # "cut max out": a bare name too, not a pronoun
FREE = re.compile(r"\b([a-z]+)-free\b(?P<rest>\s+[^,;.!?<]+)?", re.I)  # "a pigeon-free version": without pigeons


# --- phrasings said another way: rewritten to the form the subject grammar reads -------
_THE = r"(?:the|a|an|any|all(?:\s+the)?|every|those|these|that|this)"
#: how a piece feels, which no picture or line says ("the funny bits with the goat", "only the cute ones")
_MOOD = r"(?:funny|hilarious|cute|sweet|exciting|fun|lovely|good|great|nice|best|memorable|touching|emotional)"
_OWN_CLAUSE = r"(?:^|(?<=[,;.!?]))\s*"  # a clause of its own: "the cars are boring, more of the cat"
#: words before "recap"/"promo" that size the cut rather than name a subject ("a quick recap")
_SIZED = frozenset("a an the my your some quick short brief little tiny fast small mini snappy".split())
_AT_CHUNK = r"(?:^|(?<=[,;])|\b(?:but|and|while|just|only|by|though)\s+)\s*"
REPHRASE: list[tuple[re.Pattern, object]] = [(re.compile(p, _I), r) for p, r in [
    # "both trip chats - put the lisbon one first": a spaced dash between words sets off a clause
    (r"(?<=[a-z])\s+(?:-+|[–—])\s+(?=[a-z])", ", "),
    # "could you give her all of it": the viewer asking for someone else, before "gives" is read as talk
    (r"\b(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?)?(?:give|send|make)\s+(?:her|him|them|us)"
     r"(?=\s+(?:the|a|an|all|every|any|some|just|only)\b)", " "),
    # "where felix and nora both talk and maya doesn't": a clause cut short after its negation is without X
    (r"(?:\s*,\s*|\s+(?:and|but|where|when)\s+)((?:the\s+)?(?!(?:it|he|she|they|that|this)\b)[a-z][\w'-]*)\s+"
     r"(?:doesn'?t|does\s+not|didn'?t|isn'?t|is\s+not"
     r"|won'?t)(?:\s+(?:say|speak|talk|utter)(?:\s+(?:anything|a\s+(?:single\s+)?word|at\s+all))?)?(?=\s*(?:[,;.!?]|$))", r" , without \1 "),
    # "every bicycle, even if it's just parked in the background": a concession admits more of the same
    (r"[,;]?\s*\beven\s+(?:if|though|tho)\s+(?:it'?s|its|it\s+is|they'?re|they\s+are|he'?s|she'?s)\s+(?:just\s+|only\s+)?[^,;.!?<]*", " "),
    # "a bicycle, parked or whatever", "the bikes, moving or not": a state that does not matter
    (r"(?:^|(?<=,))\s*[a-z]+(?:ed|ing)\s+or\s+(?:whatever|not|otherwise)(?=\s*(?:[,;.!?]|$))", " "),
    # "the bits more about food than about pets": what they are about
    (r"\b(?:more|mostly|rather)\s+about\s+([^,;<]+?)\s+than\s+(?:about\s+)?[^,;<]+?(?=\s*(?:[,;.!?]|$))", r" about \1 "),
    # "anyone human in it": anyone at all
    (r"\b(?:any(?:one|body)|some(?:one|body))\s+human\b|\bany\s+humans\b", "anyone"),
    # "the silent parts, not counting the cartoony ones": except them
    (r"\b(?:not\s+counting|discounting|leaving\s+aside|setting\s+aside)\b", " without "),
    # "colour or greyscale doesn't matter": a clause that says what does not matter asks for nothing;
    # "(I) don't mind (which)" at the end of a clause neither
    (r"(?:^|(?<=[,;]))\s*(?:i\s+)?(?:don'?t|do\s+not)\s+(?:mind|care)(?:\s+which(?:\s+ones?)?)?(?=\s*(?:[,;.!?]|$))", " "),
    (r"(?:^|(?<=[,;]))[^,;<]{1,40}?\s+(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+matter\b", " "),
    # "the cartoon-y stuff": an adjective made with a hyphened -y is the word written whole
    (r"\b([a-z]{3,})-y\b", r"\1y"),
    # "no people, just all the other stuff": what the rest of the request leaves, the whole film
    (r"\b(?:all\s+)?(?:the\s+)?other\s+(?:stuff|bits|parts|shots|scenes|things|footage|material|sections)\b",
     " everything else "),
    # "skipping the part about X", "while dropping the dogs": the gerund is the verb
    (_AT_CHUNK + r"(?:skipping|dropping|removing|omitting|ditching|excluding|excising|leaving out|cutting out"
     r"|taking out|getting rid of|losing)\b", " without "),
    # "nothing with the man in the hat", "nothing showing X": without X
    (r"(?:^|(?<=[,;]))\s*(?:(?:but|and|so|please|just)\s+)*(?:nothing|none)\s+(?:with|of|showing|featuring"
     r"|that shows|involving)\b", " without "),
    # "don't put any of the coffee stuff in", "don't add in the rain": without it
    (r"\b(?:don'?t|do not|never)\s+(?:put|add|stick|throw|include|use)\s+(?:in\s+)?(?:any(?:\s+of)?\s+)?"
     r"((?:the|those|these|that|this)\b[^,;<]{1,40}?)\s+in(?:\s+there)?(?=\s*(?:[,;.!?]|$))", r" without \1 "),
    (r"\b(?:don'?t|do not|never)\s+(?:put|add|stick|throw)\s+in\s+(?:any(?:\s+of)?\s+)?", " without "),
    # "without a single shot of X", "no footage at all of X": the shots are X's
    (r"\b(without|no|not)\s+(?:(?:a|one|any)\s+)?(?:single\s+)?(?:shots?|scenes?|frames?|glimpses?|footage"
     r"|traces?|sign|moments?|seconds?|bits?)\s+(?:at all\s+)?of\b", r" \1 "),
    # "whatever doesn't show the geese": without them
    (r"\b(?:(?:that|which|whatever|what)\s+)?(?:doesn'?t|does not)\s+(?:show|have|include|feature|contain)\b",
     " without "),
    # "the market, less the fish", "the market, bar the fish": minus
    (r"(?<=,)\s*(?:less|bar|barring)\s+(?=(?:the|any|all|every)\b)", " minus "),
    # "anything mentioning money", "I don't want to hear about money": talk about it
    (r"\b(?:anything|everything|stuff|whatever|any\s+(?:bits?|parts?|lines?))\s+(?:that\s+)?(?:mentioning|mentions"
     r"|discussing|discusses)\b|\b(?:to\s+)?hear\s+(?:anything\s+)?(?:about|of)\b", " talk about "),
    # "whatever the goat does", "what the dog gets up to": the goat
    (r"\bwhat(?:ever)?\s+(?P<x>(?:the|that|this|my|our|his|her|their)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:does|did|is\s+doing|was\s+doing"
     r"|gets?\s+up\s+to|got\s+up\s+to)(?=\s*(?:[,;.!?]|$))", r" \g<x> "),
    # "hear grandma's story about the farm", "listen to the farm story", "hear what she says about it": the talk
    (r"\b(?:to\s+)?(?:hear|listen\s+to)\s+(?:(?:the|a|an|that|this)\s+)?(?P<x>[a-z]+(?:\s+[a-z]+)?)\s+(?:story|stories"
     r"|anecdotes?|tales?)\b(?!\s+(?:about|of)\b)", r" talk about \g<x> "),
    (r"\b(?:to\s+)?(?:hear|listen\s+to)\s+(?=(?:what|whatever|everything|all)\b|[a-z]+'s\s+(?:story|stories|anecdote|tale))", " "),
    (r"\b(?P<who>[a-z]+)'s\s+(?:story|stories|anecdotes?|tales?)\s+(?:about|of)\s+", r" \g<who> talks about "),
    (r"(?:^|(?<=[,;]))\s*(?:but\s+)?(?:nothing|none)\s+(?:about|regarding|mentioning|on the subject of)\b",
     " without talk about "),
    # "the goat shots that have no music": those shots without it
    (r"\b(shots?|scenes?|clips?|ones?|parts?|bits?)\s+(?:that|which)\s+(?:has|have|had|contains?|includes?"
     r"|shows?)\s+no\b", r" \1 without "),
    # "begin with the goats and then do the sheep": a verb of showing after an order word
    (r"\b(then|after that|next|afterwards)\s+(?:do|show|have|give me|play|bring in|(?:go|cut|flash|jump)(?:\s+back)?\s+to"
     r"|move to|switch to|move on to|on to)\s+", r" \1 "),
    # "the goats to start, then the sheep": a place in the order
    (r"\s+to\s+(?:start|begin|kick off|kick\s+(?:things|it|everything)\s+off|open\s+(?:things|it)(?:\s+up)?)(?:\s+with)?"
     r"(?=\s*(?:[,;.!?]|\s+(?:and|then)\b|$))", " to open "),
    (r"\s+to\s+(?:end|finish|wrap up|round off)(?:\s+with)?(?=\s*(?:[,;.!?]|\s+(?:and|then)\b|$))", " to close "),
    # "the birds mostly": a weight said after its subject
    (r"(?:^|(?<=[,;]))\s*((?:the\s+)?[^,;<]{1,40}?)\s+(mostly|mainly|primarily|especially|above all)(?=\s*(?:[,;.!?]|$))",
     r" \2 \1 "),
    # "the goat and the kite but more goat than kite": the first weighed up, the second kept as it is;
    # "the lighthouse, the goat is optional", "the goat if there's room": the goat weighed down
    (r"(?:^|(?<=[,;])|\s+but|\s+and|\s+with)\s*(?:(?:a\s+(?:lot|bit|little)|much|way|lots)\s+)?more\s+(?:of\s+)?(?P<x>(?:the\s+)?[a-z]+"
     r"(?:\s+[a-z]+)?)\s+than\s+(?:of\s+)?(?P<y>(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)(?=\s*(?:[,;.!?]|$))",
     r" , more \g<x> , \g<y> "),
    (r"(?:^|(?<=[,;]))\s*(?P<x>(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)\s+(?:is|are)\s+(?:optional|a\s+bonus|nice\s+to\s+have"
     r"|not\s+essential)(?=\s*(?:[,;.!?]|$))|(?:^|(?<=[,;]))\s*(?:(?:and|but|plus)\s+)?(?P<y>(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)\s+if\s+there(?:'s|\s+is)"
     r"\s+(?:room|time|space)(?=\s*(?:[,;.!?]|$))", lambda m: f" a bit of {m.group('x') or m.group('y')} "),
    # "mainly birds with a bit of the sea": the lighter subject is a second one
    (r"\s+(?:with|plus)\s+(a (?:little )?bit of|a little|a touch of|a hint of|a dash of)\s+", r" , \1 "),
    # "no need for the sea", "forget the sea, just birds", "ignore the sea": without it
    (r"\bno\s+need\s+(?:for|to\s+(?:see|show|have|include|keep))\b", " without "),
    (r"(?:^|(?<=[,;]))\s*(?:but\s+)?(?:forget|ignore|never\s*mind|bin|toss)\s+(?:about\s+)?"
     r"(?=(?:the|all|any|those|these|that)\b)", " without "),
    # "the part where someone gives directions", "whenever someone calls out a card": what is said
    (rf"\b({TALKER}|(?:the|a|an|some)\s+(?:narrator|speaker|voice|presenter|host|guide))"
     r"\s+(?:(?:just|only|really|actually|also|always|still|then)\s+)?(?:gives?|giving|calls?\s+out|calling\s+out|reads?(?:\s+out)?|reading(?:\s+out)?|asks?(?:\s+for)?"
     r"|(?:rattles?|rattling|reels?|reeling)\s+off"
     r"|lists?(?:\s+(?:off|out))?|listing(?:\s+(?:off|out))?|runs?\s+through|running\s+through"
     r"|asking(?:\s+for)?|announces?|announcing|recites?|reciting)\s+(?!(?:me|us)\b)", r" \1 talks about "),  # not "can you give me"
    (r"\bnothing\s+but\b", " only "),  # "nothing but the cows"
    (r"(?:\b(everyone|everybody|anyone|anybody|(?:every|each|any)\s+(?:person|human(?:\s+being)?|character)"
     r"|(?:all\s+(?:the\s+)?)?(?:people|humans|characters))\s+(?:who|that)|(?:^|(?<=[,;]))\s*who(?:'s|\s+is|\s+are)?)\s+(?:appears?"
     r"|(?:shows?|turns?|pops?)\s+up(?:\s+on\s+screen)?|(?:is\s+)?(?:seen|shown|on\s+screen|in\s+(?:it|the\s+film)))\b"
     r"|(?:^|(?<=[,;]))\s*who(?:'s|\s+is|\s+are)(?:\s+there)?(?=[\s,;.!?]*$)",  # the window rules took the rest
     lambda m: f" {m.group(1) or 'anyone on screen'} "),  # "everyone who appears", "who's there"
    # "monkeys, real or cartoon", "people - cartoon ones too", "drawings included": every style
    (r"[\s,-]*\b(?:(?:both\s+)?(?:real|live[- ]action)\s+(?:or|and)\s+(?:cartoons?|animated|drawn|fake|cgi|computer[- ]generated)"
     r"|(?:cartoons?|animated|drawn|fake|cgi|computer[- ]generated)\s+(?:or|and)\s+(?:real|live[- ]action|not)|(?:cartoons?|animated|drawn|drawings?)(?:\s+ones)?\s+(?:count\s+)?(?:too|as well|included|count))\b",
     " "),
    # "neither the cows nor the pigs": without either
    (r"\bneither\s+(.+?)\s+nor\s+", r" without \1 and "),
    # "mostly cows, a few pigs": a light second subject
    (r"(?:^|(?<=[,;]))\s*(?:and\s+)?(?:just\s+)?a\s+(?:few|couple(?:\s+of)?)\s+(?=[a-z])", " a bit of "),
    # "everything save (for) X", "all bar X": except
    (r"\b(everything|anything|all)\s+(?:save(?:\s+for)?|bar|barring)\b", r" \1 except "),
    # a verdict that sends a subject away, as its own clause: "the cars are boring", "the cars can go",
    # "the cars aren't needed", "the cars can be dropped": without the cars
    (rf"{_OWN_CLAUSE}(?:(?:honestly|frankly|actually|tbh|well|so|and|but|i\s+think)[\s,]+)*"
     r"(?P<x>(?:the|that|those|these|this|all\s+the)\s+(?:(?!(?:where|when|while|who|which|that)\b)"
     rf"[\w'-]+\s+){{0,3}}?[\w'-]+)\s+{GONE_VERDICT}(?=\s*(?:[,;.!?]|$))",
     r" without \g<x> "),
    # "drop the cars, more of the cat": a clause that weighs a subject keeps it (not one more to drop)
    (r"(?<=[,;])\s*(?:and\s+)?(?=(?:a\s+(?:bit|lot)\s+|much\s+|way\s+)?(?:more|less)\s+of\b)", " also "),
    # "too much cat", "cut down on the cars", "tone down the cars", "not so much of the bike": less of it;
    # "focus more on the coffee", "more emphasis on the coffee": more of it
    (rf"{_OWN_CLAUSE}(?:(?:nah|no|hmm+|ok(?:ay)?|but|still|there'?s|it'?s)[\s,]+)*(?:(?:way|far|a\s+bit|a\s+little)\s+)?"
     r"too\s+much\s+(?:of\s+)?(?=[a-z])"
     r"|\b(?:cut|scale|tone)\s+(?:down|back)\s+(?:on\s+)?|\bgo\s+easy\s+on\s+|\bease\s+off\s+(?:on\s+)?"
     r"|\bnot\s+(?:so|as)\s+much\s+(?:of\s+)?|\bless\s+(?:focus|emphasis)\s+on\s+", " less of "),
    (r"(?:^|(?<=[,;.!?])|\bbut)\s*not\s+too\s+much\s+(?:of\s+)?(?=[a-z])", " a bit of "),
    (r"\b(?:(?:put|place)\s+)?more\s+(?:focus|emphasis|weight)\s+on\s+|\bfocus\s+more\s+on\s+", " more of "),
    # "the cat a bit less", "the coffee a lot more": said after the subject, as its own clause
    (rf"{_OWN_CLAUSE}(?P<x>(?:the|that|those|these)\s+[^,;<.!?]{{1,30}}?)\s+(?:a\s+(?:bit|little|lot)\s+|much\s+)?"
     r"(?P<w>less|more)(?:\s+(?:please|pls))?(?=\s*(?:[,;.!?]|$))", r" \g<w> of \g<x> "),
    # "the cat is fine", "leave the cat alone": it stays as it is ("..., put them back": them, the cat)
    (rf"{_OWN_CLAUSE}(?:(?:actually|ok(?:ay)?|no|so)[\s,]+)*(?P<x>(?:the|that|those|these)\s+[^,;<.!?]{{1,30}}?)\s+"
     r"(?:(?:is|are|'s|'re)\s+(?:fine|ok(?:ay)?|alright|all\s+right)(?:\s+as\s+(?:it|they)\s+(?:is|are))?)(?=\s*(?:[,;.!?]|$))"
     r"|\bleave\s+(?P<y>(?:the|that|those|these)\s+[^,;<.!?]{1,30}?)\s+(?:alone|as\s+(?:it|they)\s+(?:is|are)|as\s+is)\b",
     lambda m: f" also {m.group('x') or m.group('y')} "),
    # "the best goat moments", "the funniest kite bits": the best bits of it (a count stays: "the best two moments")
    (r"\b(?:the\s+)?(?:best|top|greatest|finest|nicest|coolest|funniest)\s+(?!(?:one|two|three|four|five|six|seven|eight|nine"
     r"|ten|\d+|few|couple|of)\b)(?P<x>[a-z]+(?:\s+[a-z]+)?)\s+(?:moments|bits|parts|scenes|shots|clips)\b",
     r" the best bits of the \g<x> "),
    # "the funny bits with the goat", "cute goat moments": how the pieces feel, which no picture or line says
    (rf"\b(?:the\s+)?{_MOOD}\s+"
     r"(?:(?!(?:two|three|four|five|few|couple|one)\b)(?P<x>[a-z]+)\s+(?:moments|bits|parts|scenes|clips|shots)\b"
     r"|(?:moments|bits|parts|scenes|clips|shots)\s+(?:with|of|featuring)\b)", lambda m: f" {m.group('x') or ''} "),
    (rf"(?:^|(?<=[,;]))\s*(?:but\s+)?(?:honestly\s+)?(?:only|just)\s+the\s+{_MOOD}\s+ones?"
     r"(?=\s*(?:[,;.!?]|$))", " "),  # "the goat, but only the cute ones": the goat (no picture says cute)
    # "the coffee bit is great, more like that": more of it
    (rf"{_OWN_CLAUSE}(?P<x>(?:the|that|those|these|this)\s+[^,;<.!?]{{1,40}}?)\s+(?:is|are|'s|'re|was|were)\s+"
     r"(?:(?:really|so|just|pretty|absolutely)\s+)?(?:great|good|brilliant|lovely|perfect|amazing|fantastic|nice|fun|cool"
     r"|awesome|gorgeous|beautiful|wonderful)[\s,;.!-]*(?:(?:so\s+|and\s+)?(?:give\s+(?:me|us)\s+|i\s+want\s+|let'?s\s+have\s+)?"
     r"(?:some\s+|a\s+(?:bit|lot)\s+|much\s+)?more\s+(?:like\s+(?:that|this|it)|of\s+(?:that|this|it|those|them|these)))(?=\s*(?:[,;.!?]|$))",
     r" more of \g<x> "),
    # "make the cat bit the opener", "make the kite the last thing": that subject opens (or ends) the cut
    # ("let the cat be the ending", "make the ending the cat", "make the opening the bike")
    (r"\b(?:make|let|have)\s+((?:the|a|an)\s+[^,;<]{1,40}?)\s+(?:be\s+)?(?:the\s+)?(?:(opener|opening(?:\s+(?:shot|scene|bit|one))?"
     r"|first\s+(?:thing|one|bit)|start|beginning)|closer|ending|end|finale|last\s+(?:thing|one|bit))(?=\s*(?:[,;.!?]|$))"
     r"|\bmake\s+the\s+(?:(opening|start|beginning|intro)|ending|end|finale|close)\s+(?:be\s+)?((?:the|a|an)\s+[^,;<]{1,40}?)(?=\s*(?:[,;.!?]|$))",
     lambda m: f" , {'open' if m.group(2) or m.group(3) else 'end'} with {m.group(1) or m.group(4)} "),
    # "the tiger excluded", "the rain left out": a trailing participle drops what it follows
    # (an object after it is an order: "the whole conversation but cut out the silent bits")
    (rf"(?:^|(?<=[,;]))\s*((?:{_THE}\s+)?[^,;<]{{1,40}}?)\s+(?:excluded|left out|removed|cut out|taken out"
     r"|omitted|dropped)\b(?!\s+(?:the|a|an|all|every|any|those|these|that|this|some|my|his|her)\b)", r" without \1 "),
    # "a 25 second parade reel": the cut's own form said after its subject
    # ("a quick recap" alone is the cut's form with no subject: the whole film, summarised)
    (r"(\b[a-z]+)\s+(?:highlights?\s+)?(?:reel|promo|recap|supercut|rundown|edit)s?(?=\s*(?:[,;.!?]|$))",
     lambda m: m.group(0) if m.group(1).lower() in _SIZED else f"{m.group(1)} "),
    # "..., and the heron should come first": that subject opens (or ends) the cut
    (r"(?:^|(?<=[,;])|\band\b)\s*((?:the|a|an)\s+[^,;<]{1,40}?)\s+(?:should|must|has to|have to|needs? to"
     r"|ought to|will|is to)\s+(?:be|come|go|play)\s+(?:(first|up front|at the (?:very\s+)?(?:start|beginning))"
     r"|last|at the (?:very\s+)?end)(?=\s*(?:[,;.!?]|$))",
     lambda m: f" , {'open' if m.group(2) else 'end'} with {m.group(1)} "),
    # "can the heron come first?": asked, the same order
    (r"\b(?:can|could|would)\s+((?:the|a|an)\s+[^,;<]{1,40}?)\s+(?:be|come|go|play)\s+(?:(first|up front"
     r"|at the (?:very\s+)?(?:start|beginning))|last|at the (?:very\s+)?end)(?=\s*(?:[,;.!?]|$))",
     lambda m: f" , {'open' if m.group(2) else 'end'} with {m.group(1)} "),
    # "the whole gallery minus X", "a version of the entire show", "the full interview but": one
    # word after "whole" (after "full", a word for a recording: "the full moon" stays a subject)
    # at the end of a clause is the film by its own name, not a subject; never after "a" or a
    # place word ("down on a whole town": a subject)
    ("".join(rf"(?<!\b{w}\s)(?<!\b{w}\sthe\s)" for w in "a an on over across around through".split())
     + r"\b(?:the\s+)?(?:(?:whole|entire|complete)\s+[a-z]+|full\s+(?:film|movie|video|clip|interview|recording"
     r"|footage|documentary|show|episode|programme|program|lecture|podcast|vlog|tape|reel|thing|version|length))"
     r"(?=\s*(?:$|[,;.!?]|\b(?:minus|without|except|but|apart"
     r"|other than|excluding|sans|less|no|not|please|in|into|to|under|below|down|at|for|tops|max)\b))", " everything "),
    # "the cameraman shot that has no narration": a shot where nobody talks
    (r"\b(shots?|scenes?|clips?|ones?)\s+(?:(?:that|which)\s+(?:has|have|had|contains?)\s+no|with\s+no"
     rf"|without(?:\s+any)?)\s+(?:talking|dialogue|dialog|speech|speaking|narration|{VOICE_OVER}|voices?|words"
     r"|sound|audio)(?:\s+at\s+all)?\b", r" \1 where nobody talks "),
    # "X should be last", "X has to come first": the verb belongs to the order word
    (r"\b(?:should|must|has to|have to|needs? to|ought to|is going to|will)\s+(?:be|come|go|play)"
     r"(?=\s+(?:last|first|at the (?:very\s+)?(?:end|start|beginning)|up front|before|after)\b)", " "),
    # "the dog, the cat, in that order": the order said, the listed order kept
    (r"[\s,]*\b(?:in\s+)?(?:that|this|the same)\s+order\b|[\s,]*\bin the order (?:i|we) (?:said|listed|gave)"
     r"(?:\s+(?:them|it))?\b", " <o:listed> "),
    # "..., no hens, pigs first": a clause of its own that places a subject opens (or ends) with it,
    # whatever side the clause before it was on
    # ("the dog goes last", "save the dog for last": the verb and "for" go with the place)
    (r"(?<=[,;])\s*(?:(?:but|and|then|so|just|ok)\s+)?(?:(?:put|have|place|show|play|make|do|save)\s+)?"
     r"((?:the\s+)?(?!(?:and|then|but|or)\b)[a-z](?:(?!\b(?:and|then|or|but)\b)[^,;<]){0,40}?)"
     r"\s+(?:(?:comes?|goes?|plays?|is)\s+)?(?:for\s+(?:the\s+)?)?(?:(first)|last)"
     r"(?=\s*(?:[.!?]|$))",
     lambda m: f" {'start' if m.group(2) else 'end'} with {m.group(1)} "),
    # "..., but the horse opens": a clause whose subject opens (closes) the cut; not a relative
    # clause ("the bit where the shop closes" is a moment)
    (r"(?<=[,;])\s*(?:(?:but|and|then|so|just|ok)\s+)?((?:the\s+)?(?!(?:and|then|but|or)\b)[a-z]"
     r"(?:(?!\b(?:and|then|or|but|where|when|that|which|who|whose)\b)[^,;<]){0,40}?)\s+(?:(opens)|closes|ends|finishes)"
     r"(?:\s+(?:it|the cut|things|the video))?(?=\s*(?:[.!?]|$))",
     lambda m: f" {'start' if m.group(2) else 'end'} with {m.group(1)} "),
    # "first cows, second pigs, third hens": each place said before its subject
    (r"(?:^|(?<=[,;]))\s*(first|second|third|fourth|fifth)\s+(?!(?:of|the|a|an|one|ones|up|off)\b)"
     r"([a-z](?:(?!\b(?:and|then|or|but)\b)[^,;<])*?)(?=\s*(?:[,;.!?]|$))", r" \2 \1 "),
]]


def rephrase(text: str) -> str:
    """Exclusion and order phrasings said another way, in the form ``subjects.py`` reads."""
    for pattern, repl in REPHRASE:
        text = pattern.sub(repl, text)
    return text


#: footage of the real world ("real footage", "the proper video clips", "live action"): a look
#: (looks.py measures it), said as one phrase the subject grammar keeps ("live-action footage")
FOOTAGE = (r"(?:(?:real|actual|proper|live|genuine)\s+)?(?:live[- ]action|video[- ]?clips?|moving\s+(?:pictures?|images?"
           r"|footage|shots?))|(?:real|actual|proper|live|genuine)\s+(?:footage|video(?:s|\s+clips?)?|film(?:ed)?|clips?)")
FOOTAGE_WORDS = re.compile(rf"\b(?!live[- ]action\b)(?:{FOOTAGE})\b(?:\s+footage\b)?", _I)  # "live-action" stays
#: "just the real ones": photographed or filmed, not drawn (the look looks.py calls real-life)
REAL_ONES = re.compile(r"\b(?:real|actual|genuine)(?:[- ]life)?\s+ones\b", _I)
#: looks named by another word: "the grayscale stuff" is the black-and-white picture
LOOK_WORDS = re.compile(rf"\b(?:{GREY})(?:\s+(?:footage|stuff|bits|parts|ones))?\b", _I)
#: an attribute that names a kind ("the furry ones"): the WordNet kind of animal it picks
#: out (fur: mammals, feathers: birds, scales: reptiles and fish), not a word to search
_ATTRIBUTE = {"furry": "mammals", "fluffy": "mammals", "hairy": "mammals", "feathered": "birds",
              "feathery": "birds", "scaly": "reptiles"}
ATTRIBUTES = re.compile(r"\b(?P<a>%s)\s+(?:ones?|things?|stuff|animals?|creatures?|critters?|beasts?|friends?"
                        r"|bits|guys)\b|\b(?P<b>%s)(?=\s*(?:[,;.!?]|$))"
                        % ("|".join(_ATTRIBUTE), "|".join(_ATTRIBUTE)), _I)


#: "the monkeys, the real one and the 3d one": the kinds of one subject listed, not new subjects
VARIANTS = re.compile(r"(\b[a-z][a-z'-]*s)\s*(?:[,:]|\s[-–]+)\s*(?:both\s+)?the\s+[a-z0-9-]+\s+ones?"
                      r"(?:\s*(?:,|and|&)\s*(?:the\s+)?[a-z0-9-]+\s+ones?)+\b", _I)


def kinds_of_attributes(text: str) -> str:
    """ "leave out the furry ones" -> "leave out the mammals"; "the grayscale stuff" -> "the
    black and white" (the look ``monochrome.py`` finds)."""
    text = ATTRIBUTES.sub(lambda m: _ATTRIBUTE[(m.group("a") or m.group("b")).lower()], text)
    text = FOOTAGE_WORDS.sub("live-action footage", REAL_ONES.sub("real-life ones", text))
    return LOOK_WORDS.sub("black and white", VARIANTS.sub(r"\1", text))


# --- the line's edges -----------------------------------------------------------------
#: a sign-off after the request ("..., thanks!", "... pls"): line-end patterns must see the request's last word
_SIGN_OFF = re.compile(r"[\s,;:-]+(?:(?:thanks|thank you)(?:\s+(?:a lot|so much|very much))?|please|pls"
                       r"|plz|thx|thnx|thanx|cheers|kindly|tho|though)[\s!.,]*$", _I)  # "squirrel first tho"
#: "X and nothing else": "only" said again at the end (a closing "only" stays: "..., moments only" is how much)
_ONLY_END = re.compile(r"[\s,;:-]+(?:" + _REST + r")[\s!.,]*$", _I)
#: "?", "!", "..." closing the request: the viewer's tone, never part of a subject
_END_MARK = re.compile(r"(?<=\w)\s*[?!.\u2026]+\s*$")
#: "i'd like you to cut ...": the viewer asking, not a subject "you"
_ASK_YOU = re.compile(r"\b(?:(?:i|we)(?:'d|\s+would)\s+(?:like|love|want)|(?:i|we)\s+(?:want|need))"
                      r"\s+you\s+to\s+(?=[a-z])", _I)
#: an interjection opening the line ("hey,", "um", "ok so"): the viewer starting to talk
_OPENER = re.compile(r"^\s*(?:(?:%s)\b[\s,!.:;-]*|(?:%s)\s*[,!:;-]\s*|dear\s+\w+(?:\s+\w+)?\s*,\s*)+(?=\S)" % (
    "|".join((*INTERJECTIONS, "hi", "hello", "oh", "um+", "uh+", "erm+", "hmm+", "pls", "yo", "bro", "bruh", "mate")),
    "|".join((*TURN_MARKERS, "right"))), _I)
#: "could you show me", "i'd like": the asking that opens the line, before what is asked for
_ASK_FOR = re.compile(r"^\s*(?:(?:(?:%s)\s+you\s+(?:please\s+|just\s+|kindly\s+)?|please\s+)?" % "|".join((*ASKING_MODALS, "will")) +
                      r"(?:to\s+)?(?:show|give|get|find|play)\s+me|any\s+chance\s+(?:of|for)(?:\s+(?:seeing|getting))?"
                      r"|(?:can|could|would)\s+(?:it|this|the\s+cut)\s+be(?!\s+possible)"
                      r"|(?:i|we)(?:'d|\s+would)?\s+(?:(?:dearly|really|so|very\s+much)\s+)?(?:like|love|want|need)"
                      r"(?!\s+to\s+(?:show|send|give|share|make)\b)(?:\s+to\s+(?:see|watch|have|keep|get))?)\s+(?=\S)", _I)
_SAYS_END = re.compile(r"\b(?:says?|said|saying|goes|went|line|words?)\s*$", _I)


def polite_edges(text: str) -> str:
    """The request without what only frames it at its edges: an opening "hey," or "um" and
    the asking ("could you show me", "i'd like"), a closing "and nothing else", a
    closing "?" or "!", a sign-off ("thanks", "pls"), and "i'd like you to" before the verb.
    A sign-off right after "says" is the line said ("where he says thank you") and stays."""
    text = _ASK_FOR.sub("", _OPENER.sub("", _ASK_YOU.sub("", text)))
    while True:
        sign = _SIGN_OFF.search(text) or _ONLY_END.search(text)
        m = sign or _END_MARK.search(text)
        if not m or not text[:m.start()].strip() or (sign and _SAYS_END.search(text[:m.start()])):
            return text
        text = text[:m.start()]
