"""Which sentences of an answer put a real question to the interviewer.

The interview's closing question ("Do you have any questions for us?") is answered by asking, so
what the candidate asked is judged by its form before its topic: "Is there parking on site?"
asks a real question although it is about nothing in the bank, and "I'd probably have asked
about the team structure, but the recruiter told me" is about the team and asks nothing.

A real question is a sentence that ends in "?", or reads as one without it (Whisper does not
always hear the rise: "is there parking on site."), or asks indirectly ("I was wondering what
the holiday allowance is", "I'd love to hear how the team works"). Not real: a tag ("..., right?"),
a question about the interviewer's question ("Sorry, do you mean about the job or today?") or
the question said back ("Do I have any questions?"), small talk of the moment ("is it all right
if I leave my bike here?", "is that the cathedral?"), a rhetorical question ("who wouldn't want
to work on a scheme like this?"), and a question the candidate takes back by declining afterwards
("How would I fit in with the team? Well, I think very well ... So no, nothing from me.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mockinterview.core.content.spans import Span
from mockinterview.core.speech.delivery import is_filler_sound

# The interviewer asks for the candidate's questions: "Do you have any questions for us?", "Is
# there anything you would like to ask me?"
INVITES_QUESTIONS = re.compile(
    r"\b(?:any|some|other) questions?\b|\bquestions? for (?:us|me)\b"
    r"|\banything (?:else )?(?:you(?:'d| would)? (?:like|want) to|to) (?:ask|know)\b",
    re.IGNORECASE,
)
AUXILIARY = (
    r"(?:is|are|was|were|am|do|does|did|would|will|can|could|should|shall|may|might|has|have"
    r"|had|isn't|aren't|don't|doesn't|won't|wouldn't|can't|couldn't)"
)
WH = r"(?:what|how|who|whom|when|where|which|why|whose)"
HOW_MUCH = r"(?:long|many|much|often|far|soon|big|old|large)"  # "how long", "how big's the team"
SUBJECT = r"(?:i|you|we|they|he|she|it|that|this|there|people|someone|something|anyone|everyone)"
# Where a question's words start once the run-up is past: "Um, oh, actually, sorry, what ..."
RUN_UP = re.compile(
    r"^(?:(?:and|also|so|oh|okay|ok|right|yes|yeah|yep|well|sorry|actually|just|then|but|wait"
    r"|one|two|first|firstly|second|secondly|finally|lastly|last|thing|more|quick|question"
    r"|other|else|um|uh|er|erm|like|plus)\b[,:;]?\s*)+",
    re.IGNORECASE,
)
# "What are the next steps", "how long is it", "what sort of start date are you", "who's my
# manager", "how big's the team": a question word, an auxiliary next or after "sort of ..." or
# "how long ...". "What matters is", "which was nice", "when something breaks I ..." are
# statements.
WH_QUESTION = re.compile(
    rf"^(?!which\b){WH}(?:'s|'re|\s+(?:{HOW_MUCH}'s\b|(?:(?:sort|kind|type) of|{HOW_MUCH})"
    rf"(?:\s+(?!{SUBJECT}\b)[\w'-]+){{0,3}}\s+{AUXILIARY}\b|{AUXILIARY}\b))",
    re.IGNORECASE,
)
# "Is there parking", "do you provide the whites", "would I be told"
YES_NO_QUESTION = re.compile(
    rf"^{AUXILIARY}\s+(?:{SUBJECT}|the|a|an|any|your|our|my|someone|anyone|staff)\b",
    re.IGNORECASE,
)
# "I was wondering what ...", "I'd be interested to know whether ...", "I'd love to hear how ...",
# "could you tell me a bit about ...", "can I ask about ...": asking without a question mark.
# "I'd love to know more about the team at some point" is interest, not a question.
INDIRECT = re.compile(
    rf"\b(?:(?:was|am|i'm|i was) (?:just |also )?wondering\b"
    rf"|(?:like|love|keen|interested|curious) to (?:know|hear|ask|understand|find out)"
    rf" (?:{WH}|whether|if)\b"
    rf"|(?:interested|curious) (?:in knowing |about |)(?:{WH}|whether|if)\b"
    rf"|(?:could|can|would) you (?:tell|explain|talk|walk|give)\b"
    rf"|(?:can|could|may) i ask\b"
    rf"|my (?:only |one |main |first |last )?question (?:is|was|would be)\b)",
    re.IGNORECASE,
)
# A tag at a sentence's end, not a question: "..., right?", "..., isn't it?", "..., you know?"
TAG = re.compile(
    r"^(?:right|you know|yeah|yes|no|eh|huh|okay|ok|isn't it|aren't they|don't you think"
    r"|wouldn't you say|innit|or what)\s*[?.!]?$",
    re.IGNORECASE,
)
# Rhetorical openings: the candidate is not asking ("who wouldn't want to ...?")
RHETORICAL = re.compile(
    r"^(?:honestly,?\s*|i mean,?\s*|really,?\s*)*(?:who (?:wouldn't|would not|doesn't|does not"
    r"|could not|couldn't)|what's not to|what is not to|what more (?:can|could)"
    r"|what else (?:can|could) (?:i|you)|what can i say|why (?:wouldn't|would not) (?:i|you)"
    r"|how could (?:i|you|anyone) not|you know what|guess what)\b",
    re.IGNORECASE,
)
# Asking what the interviewer's question meant, or to hear it again, asks nothing of the job
CLARIFYING = re.compile(
    r"\b(?:do|did) you mean\b|\brepeat (?:that|the question)\b|\bsay that again\b",
    re.IGNORECASE,
)
# The interviewer's question said back while thinking: "Do I have any questions?", "Questions?"
ECHO = re.compile(
    r"^(?:(?:do i have|have i got)\s+)?(?:any\s+(?:other\s+)?)?questions?"
    r"(?:\s+for\s+(?:you|us|me))?\s*\?$",
    re.IGNORECASE,
)
# Small talk of the moment, not a question about the job: a request to settle in ("is it all
# right if I leave my bike here?", "could I grab a glass of water?"), the room ("is that the
# cathedral?"), the call ("is my audio OK now?"), or something asked "before we start"
OF_THE_MOMENT = re.compile(
    r"\bbefore we (?:start|begin|carry on|go on|get going|get started)\b"
    r"|\bis it (?:all right|alright|okay|ok|fine) (?:if|that|where)\b|\bdo you mind if\b"
    r"|\b(?:could|can|may) i (?:just )?(?:grab|get|have|borrow|take off|pop)\b"
    r"|\bis that (?:the|a|an|real|new|your|okay|ok|all right|alright)\b|\b(?:audio|sound|video"
    r"|camera|mic|microphone)\b.*\b(?:ok|okay|working|all right|alright)\b",
    re.IGNORECASE,
)
# Declining to ask after a question takes it back ("How would I fit in with the team? Well, I
# think very well. So no, nothing from me."); "no more questions" after real ones does not
DECLINES = re.compile(
    r"\bno questions\b|\bnothing from me\b|\bso no\b(?! one)"
    r"|\bi don't (?:have|think i have) any questions\b",
    re.IGNORECASE,
)


def invites_questions(question: str) -> bool:
    """True when the interviewer's question asks for the candidate's own questions."""
    return INVITES_QUESTIONS.search(question) is not None


def _without_filler_sounds(text: str) -> str:
    words = text.split()
    while words and is_filler_sound(words[0]):
        words.pop(0)
    return " ".join(words).lstrip(",;: ")


def _opening(text: str) -> str:
    """The sentence from its first word that is not a filler sound or a run-up word."""
    return RUN_UP.sub("", _without_filler_sounds(text)).lstrip(",;: ")


def _asks(text: str) -> bool:
    said = text.strip().rstrip("\"')]")
    opening = _opening(said)
    if RHETORICAL.match(opening) or ECHO.match(opening):
        return False
    if CLARIFYING.search(said) or OF_THE_MOMENT.search(said):
        return False
    *before, last = said.split(",")
    if TAG.match(_without_filler_sounds(last)):  # "..., right?": asks only if the rest does
        said = ",".join(before)
    elif said.endswith("?"):
        return True
    if INDIRECT.search(said):
        return True
    return bool(WH_QUESTION.match(opening) or YES_NO_QUESTION.match(opening))


def real_questions(sentences: Sequence[Span]) -> list[int]:
    """The indices of the sentences that ask the interviewer something (see the module doc)."""
    asked = [i for i, sentence in enumerate(sentences) if _asks(sentence.text)]
    declined = [i for i, sentence in enumerate(sentences) if DECLINES.search(sentence.text)]
    return [i for i in asked if not any(d > i for d in declined)]
