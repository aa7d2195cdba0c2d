"""What the interviewer asks the language model, how much it may write, and what it may not say.

One module holds every prompt, every limit and every check, so what the model is asked and what
its answer is held to sit side by side. Everything here is pure: a `Check` says whether a text
may be shown and, when not, every reason why (the benchmark counts them; the log records them).
The model's text is never shown unchecked; when a check fails the caller shows its deterministic
text instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import snowballstemmer

from mockinterview.core.content.number_words import MULTIPLES, NUMBER_WORDS, SCALES
from mockinterview.core.llm.runtime import Message
from mockinterview.core.speech.delivery import FILLER_FORMS

# Limits. Follow-up: "one question under 30 words" (issue 15); an interviewer's real follow-ups
# are one short sentence. The rewrite may run to twice the answer's length (structure adds words)
# and at most REWRITE_MAX_WORDS, about 90 s spoken at 150 words/min.
FOLLOW_UP_MAX_WORDS = 30
FOLLOW_UP_MAX_TOKENS = 60
REWRITE_MAX_WORDS = 230
REWRITE_MIN_RATIO = 0.4  # shorter than 40 % of the answer drops facts
REWRITE_MAX_RATIO = 2.0
ANSWER_MAX_WORDS = 400  # the answer shown to the model is cut here (context and time on 2 cores)

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
QUOTED = re.compile(r"[\"“”‘’]([^\"“”‘’]{2,}?)[\"“”‘’]|(?<![A-Za-z])'([^']{2,}?)'(?![A-Za-z])")
PLACEHOLDER = re.compile(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}")
LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:follow[- ]?up(?: question)?|question|interviewer|rewrite|"
    r"rewritten answer|stronger answer|answer)\s*:?(?:\*\*)?\s*:?\s*",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "about",
        "just",
        "also",
        "more",
        "most",
        "very",
        "tell",
        "walk",
        "describe",
        "explain",
    ]
)


@dataclass(frozen=True)
class Prompt:
    """The messages for one task and the most tokens its answer may take."""

    task: str  # follow_up | rewrite | rewrite_sentence | bank_question
    messages: tuple[Message, ...]
    max_tokens: int
    grammar: str = ""  # GBNF the text must match while it is sampled ("": free text)


@dataclass(frozen=True)
class Check:
    """The model's text after cleaning, and why it may not be shown (empty: it may)."""

    text: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _cut_words(text: str, limit: int) -> str:
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


# What the follow-up asks about, from the analysis's reason (core/content/follow_up.py): the
# analysis decides when to follow up and on which gap; the model only words it from the answer.
FOLLOW_UP_FOCUS = {
    "missing_story": "one specific time it happened, and what they did",
    "missing_result": "the result: what changed because of what they did",
    "vague_result": "a number or a date for the result they gave",
    "vague_claim": "how much it improved, and how they measured it",
    "ownership": "what they did themselves",
    "example": "a concrete example from their own work",
}
# Worked examples in the prompt: a small model copies the form of an example far more
# reliably than it follows a description of it (SmolLM2-135M, asked without one, answered the
# question itself or asked "What was that?"). Their subjects (a bakery, a library, a bus depot)
# are far from any job interview answer here, so a follow-up that copies one is recognised by
# EXAMPLE_WORDS and refused. (question, answer, focus, follow-up)
FOLLOW_UP_EXAMPLES = (
    (
        "Tell me about a time you improved a process.",
        "At the bakery I changed how we ordered flour. We used to order every day, so I set up "
        "a weekly order with two suppliers.",
        FOLLOW_UP_FOCUS["missing_result"],
        "After the bakery ordered weekly from the two suppliers, what changed?",
    ),
    (
        "What did you do in your last role?",
        "I ran the school library's late opening. We had students queueing for the computers, so "
        "we made a booking sheet and the queues got a lot shorter.",
        FOLLOW_UP_FOCUS["vague_claim"],
        "How much shorter did the queues of students for the computers get?",
    ),
    (
        "Describe a problem you solved with your team.",
        "Our bus depot kept missing the morning departures. We looked at the rota together and "
        "the team moved the cleaning shift to the evening.",
        FOLLOW_UP_FOCUS["ownership"],
        "What did you yourself do to stop the depot missing its morning departures?",
    ),
)
EXAMPLE_WORDS = frozenset({"bakery", "flour", "supplier", "librari", "queue", "depot", "bus"})
# The form a follow-up must have, enforced while it is sampled (llama.cpp's GBNF): one line that
# starts with a capital, has no sentence end inside and ends with its only question mark; 150
# characters are about 25 words. The check below still tests all of it and everything else.
FOLLOW_UP_GRAMMAR = 'root ::= [A-Z] [^\\n?.!]{10,150} "?"'


def follow_up_focus(reason: str | None, point: str | None = None) -> str:
    """What to ask about for the analysis's follow-up `reason` (and its missed key `point`)."""
    if reason == "missed_key_point" and point:
        return f"this point they did not mention: {point.rstrip('.')}"
    return FOLLOW_UP_FOCUS.get(reason or "", FOLLOW_UP_FOCUS["example"])


# Words that say nothing about what the candidate did, left out of the words offered to the
# model (the check would not count most of them anyway: they are in the question or are
# fillers and hedges).
PLAIN_WORDS = frozenset(
    [
        "yeah",
        "yes",
        "okay",
        "well",
        "like",
        "really",
        "actually",
        "basically",
        "think",
        "know",
        "mean",
        "guess",
        "thing",
        "things",
        "stuff",
        "kind",
        "sort",
        "something",
        "lot",
        "lots",
        "quite",
        "pretty",
        "much",
        "many",
        "good",
        "great",
        "each",
        "another",
        "every",
        "over",
        "used",
        "extremely",
        "maybe",
        "probably",
        "bit",
    ]
)
HINT_WORDS = 4


def answer_words(question: str, answer: str, count: int = HINT_WORDS) -> list[str]:
    """The answer's own words a follow-up can pick up: content words the question does not
    have, the most repeated first, then the longest (the more specific). SmolLM2 asked a
    generic "What was that?" on most answers until it was handed these words to use."""
    stem = _stemmer().stemWord
    asked = content_stems(question)
    seen: dict[str, tuple[int, int, str]] = {}  # stem -> (count, first position, word)
    for position, word in enumerate(_words(answer)):
        key = stem(word.replace("'", ""))
        if (
            len(word) < 4
            or "'" in word
            or word.isdigit()
            or word in STOPWORDS
            or word in PLAIN_WORDS
            or word in NUMBER_WORDS
            or key in asked
        ):
            continue
        times, first, shown = seen.get(key, (0, position, word))
        seen[key] = (times + 1, first, shown)
    ranked = sorted(seen.values(), key=lambda item: (-item[0], -len(item[2]), item[1]))
    return [word for _times, _first, word in ranked[:count]]


def _follow_up_request(question: str, answer: str, focus: str) -> str:
    return (
        f"Interview question: {question}\n"
        f"Candidate's answer: {_cut_words(answer, ANSWER_MAX_WORDS)}\n"
        f"Ask about: {focus}\n"
        f"Use their words: {', '.join(answer_words(question, answer))}\n"
        "Follow-up question:"
    )


def follow_up_prompt(question: str, answer: str, focus: str = "") -> Prompt:
    """`focus`: what to ask about (follow_up_focus); by default a concrete example."""
    system = (
        "You are a job interviewer. Ask ONE short follow-up question about something the "
        "candidate said, using their own words. Write only the question: one sentence, under "
        "25 words, ending with a question mark."
    )
    shots: list[Message] = []
    for example_question, example_answer, example_focus, example_follow_up in FOLLOW_UP_EXAMPLES:
        shots.append(
            Message("user", _follow_up_request(example_question, example_answer, example_focus))
        )
        shots.append(Message("assistant", example_follow_up))
    return Prompt(
        "follow_up",
        (
            Message("system", system),
            *shots,
            Message(
                "user",
                _follow_up_request(question, answer, focus or FOLLOW_UP_FOCUS["example"]),
            ),
        ),
        FOLLOW_UP_MAX_TOKENS,
        FOLLOW_UP_GRAMMAR,
    )


# The rewrite one sentence at a time: a task a 135M model can do (drop the fillers and hedges of
# one sentence, keep its facts), where rewriting a whole answer at once lost its numbers or ran
# on. Each sentence is checked like a rewrite of that sentence; one that fails keeps the
# candidate's own words, and the joined text is checked again as a rewrite of the whole answer.
# The examples are invented (a bakery, a warehouse, a team), none from the benchmark's answers.
SENTENCE_EXAMPLES = (
    (
        "So um basically I was the one who, like, called the the suppliers every morning.",
        "I called the suppliers every morning.",
    ),
    (
        "And uh we got the queue at the loading bay down from twenty minutes to about eight, "
        "which was you know pretty good I guess.",
        "We cut the queue at the loading bay from twenty minutes to about eight.",
    ),
    (
        "I think maybe I should have, um, told the team a bit sooner about the delay.",
        "I should have told the team about the delay sooner.",
    ),
)
SENTENCE_MIN_WORDS = 4  # shorter ones ("Yeah.", "That's it.") are kept as they were said
# A rewritten sentence keeps what it said: at least SENTENCE_KEEP_MIN of the sentence's content
# words (fillers and hedges aside) and adds at most SENTENCE_NEW_MAX of its own words that the
# candidate did not say (at least one: "got it down" may become "cut it"). SmolLM2 turned "you
# split the data into several chunks and you train on all of them except one" into "I used a
# technique called k-fold cross validation to evaluate the performance of the model": no number
# or name was invented, but the answer was no longer the candidate's.
SENTENCE_KEEP_MIN = 0.6
SENTENCE_NEW_MAX = 0.25
SENTENCE_GRAMMAR = "root ::= [A-Z0-9] [^\\n]{2,400} [.!?]"
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")


def answer_sentences(text: str) -> list[str]:
    """The answer's sentences as written (a decimal point or "e.g." inside one does not end
    it: a sentence ends at . ! or ? followed by a space and a capital)."""
    return [s.strip() for s in SENTENCE_SPLIT.split(" ".join(text.split())) if s.strip()]


def rewrite_sentence_prompt(sentence: str) -> Prompt:
    system = (
        "You are an interview coach. Rewrite one sentence a candidate said aloud so it reads "
        "clearly and confidently: drop filler words (um, uh, like, you know, basically), "
        "repeated words and hedges. Keep its meaning and every fact, name and number exactly. "
        "Write only the rewritten sentence."
    )
    shots: list[Message] = []
    for said, better in SENTENCE_EXAMPLES:
        shots += [Message("user", f"Sentence: {said}"), Message("assistant", better)]
    tokens = int(len(sentence.split()) * 2) + 16
    return Prompt(
        "rewrite_sentence",
        (Message("system", system), *shots, Message("user", f"Sentence: {sentence}")),
        tokens,
        SENTENCE_GRAMMAR,
    )


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop words, no numbers); a contraction of a
    stop word is one too ("what's", "it's", "we'd")."""
    stem = _stemmer().stemWord
    return {
        stem(w.replace("'", ""))
        for w in _words(text)
        if w.split("'")[0] not in STOPWORDS and not w.isdigit()
    }


def numbers_in(text: str) -> set[float]:
    """Every number written in digits or words ("25", "twenty-five", "3.5", "one hundred").

    A lone "one" is left out: it is mostly a pronoun ("the validation one", "one of them").
    The multiples ("half", "twice") state quantities; "first", "second", "third" mostly order a
    story ("First, I ...") and a rewrite may add or drop them freely, so they are not numbers.
    """
    found: set[float] = set()
    for digits in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        try:
            found.add(float(digits.replace(",", "")))
        except ValueError:
            continue
    total: float | None = None
    current: float | None = None
    spoken: list[str] = []

    def flush() -> None:
        nonlocal total, current, spoken
        if (current is not None or total is not None) and spoken != ["one"]:
            found.add((total or 0) + (current or 0))
        total, current, spoken = None, None, []

    for word in [*re.findall(r"[a-z]+", text.lower()), ""]:
        if word in NUMBER_WORDS:
            # "twenty five" is one number; "one, one of them" or "six seven" are not.
            after_scale = bool(spoken) and spoken[-1] in SCALES
            after_tens = current is not None and current % 100 >= 20 and current % 10 == 0
            if (current is not None or total is not None) and not (
                after_scale or (after_tens and NUMBER_WORDS[word] < 10)
            ):
                flush()
            current = (current or 0) + NUMBER_WORDS[word]
            spoken.append(word)
        elif word in SCALES and (current is not None or total is not None):
            current = (current or 1) * SCALES[word]
            spoken.append(word)
            if SCALES[word] >= 1000:
                total, current = (total or 0) + current, None
        elif word == "and" and (current is not None or total is not None):
            continue
        else:
            flush()
            if word in MULTIPLES:
                found.add(MULTIPLES[word])
    return found


def _normalise(text: str) -> str:
    return " ".join(_words(text))


def _quotes_missing(text: str, transcript: str) -> list[str]:
    said = f" {_normalise(transcript)} "
    missing = []
    for match in QUOTED.finditer(text):
        quoted = match.group(1) or match.group(2)
        if f" {_normalise(quoted)} " not in said:
            missing.append(quoted.strip())
    return missing


def _clean(text: str) -> str:
    text = text.strip().strip("*").strip()
    text = LABEL.sub("", text, count=1).strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'“”":
        text = text[1:-1].strip()
    return text


def check_follow_up(text: str, answer: str, question: str = "") -> Check:
    """A follow-up may be shown if it is one question under 30 words about this answer."""
    text = _clean(text)
    problems = []
    if not text:
        return Check(text, ("empty",))
    if "\n" in text:
        problems.append("more than one line")
    if not text.endswith("?"):
        problems.append("does not end with a question mark")
    if text.count("?") > 1:
        problems.append("more than one question")
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    if len(sentences) > 1:
        problems.append("more than one sentence")
    count = len(text.split())
    if count >= FOLLOW_UP_MAX_WORDS:
        problems.append(f"{count} words (limit: under {FOLLOW_UP_MAX_WORDS})")
    if PLACEHOLDER.search(text):
        problems.append("contains a placeholder")
    for quoted in _quotes_missing(text, answer):
        problems.append(f"quotes words the candidate did not say: {quoted!r}")
    if not content_stems(text) & (content_stems(answer) - content_stems(question)):
        problems.append("mentions nothing from the answer")
    if question and _normalise(text) == _normalise(question):
        problems.append("repeats the question")
    if (content_stems(text) & EXAMPLE_WORDS) - content_stems(answer):
        problems.append("copies the prompt's example")
    return Check(text, tuple(problems))


def _names(text: str) -> set[str]:
    """Capitalised words that are not the first of a sentence: names of people, firms, tools."""
    names = set()
    for sentence in SENTENCE_END.split(text):
        for word in WORD.findall(sentence)[1:]:
            if word[0].isupper() and word not in {"I", "I'm", "I've", "I'd", "I'll"}:
                names.add(word.lower().replace("’", "'").removesuffix("'s"))
    return names


def check_rewrite(text: str, answer: str, question: str = "") -> Check:
    """A rewrite may be shown if it keeps to the candidate's facts: every number they said, no
    new numbers or names (a rewrite that drops "six hours to forty minutes" lost the point)."""
    text = _clean(text)
    if not text:
        return Check(text, ("empty",))
    problems = []
    count, answer_count = len(text.split()), len(answer.split())
    if count > max(REWRITE_MAX_WORDS, answer_count * REWRITE_MAX_RATIO):
        problems.append(f"{count} words (the answer has {answer_count})")
    if count < answer_count * REWRITE_MIN_RATIO:
        problems.append(f"only {count} words (the answer has {answer_count}): facts are lost")
    invented = sorted(numbers_in(text) - numbers_in(answer) - numbers_in(question))
    if invented:
        shown = ", ".join(f"{n:g}" for n in invented)
        problems.append(f"numbers the candidate did not say: {shown}")
    dropped = sorted(numbers_in(answer) - numbers_in(text))
    if dropped:
        shown = ", ".join(f"{n:g}" for n in dropped)
        problems.append(f"drops numbers the candidate said: {shown}")
    said = set(_words(answer)) | set(_words(question))
    new_names = sorted(n for n in _names(text) if n not in said)
    if new_names:
        problems.append(f"names the candidate did not say: {', '.join(new_names)}")
    for quoted in _quotes_missing(text, answer):
        problems.append(f"quotes words the candidate did not say: {quoted!r}")
    if PLACEHOLDER.search(text):
        problems.append("contains a placeholder")
    if text.rstrip()[-1:] not in {".", "!", "?", '"', "”"}:
        problems.append("stops mid-sentence")
    if not content_stems(text) & content_stems(answer):
        problems.append("shares nothing with the answer")
    return Check(text, tuple(problems))


def _said_stems(text: str) -> set[str]:
    """Content stems, fillers and hedges aside: what a sentence says."""
    stem = _stemmer().stemWord
    empty = {stem(w) for w in PLAIN_WORDS | FILLER_FORMS.keys()}
    return content_stems(text) - empty


def check_rewrite_sentence(text: str, sentence: str, question: str = "") -> Check:
    """One sentence rewritten: held to check_rewrite, and it must still say what was said."""
    result = check_rewrite(text, sentence, question)
    problems = list(result.problems)
    said, written = _said_stems(sentence), _said_stems(result.text)
    if said and len(said & written) < SENTENCE_KEEP_MIN * len(said):
        problems.append(f"keeps {len(said & written)} of the sentence's {len(said)} content words")
    new = sorted(written - said - content_stems(question))
    if len(new) > max(1, SENTENCE_NEW_MAX * len(written)):
        problems.append(f"words the candidate did not say: {', '.join(new)}")
    return Check(result.text, tuple(problems))


# A generated bank question: three labelled lines the parser below reads back.
BANK_QUESTION_MAX_TOKENS = 260
BANK_QUESTION_WORDS = (6, 40)
BANK_KEY_POINTS = (2, 5)
BANK_KEY_POINT_MAX_WORDS = 15
BANK_ANSWER_WORDS = (15, 160)
JOB_AD_MAX_WORDS = 220  # of the ad shown to the model: the role, the skills, the duties
CV_MAX_WORDS = 150
DUPLICATE_OVERLAP = 0.7  # shared content words between two questions that make them the same
PART = re.compile(
    r"^\s*(?:\d+[.)]\s*)?\**\s*(question|key points?|(?:model |short )?answer)"
    r"\s*\**\s*:\**\s*(.*)$",
    re.IGNORECASE,
)
EXPERIENCE_CUES = ("a time", "an example", "situation", "when you", "experience")


@dataclass(frozen=True)
class DraftQuestion:
    """A generated question read back from the model's three lines."""

    text: str
    key_points: tuple[str, ...]
    model_answer: str


def bank_question_prompt(kind: str, skill: str, job_ad: str, cv: str = "") -> Prompt:
    """`kind` is technical or behavioural; `skill` is what the question must be about."""
    system = (
        "You write questions for a job interview. Reply with exactly three lines and nothing "
        "else:\nQUESTION: the interview question\nKEY POINTS: three things a strong answer "
        "mentions, separated by semicolons\nANSWER: a short model answer, two to four sentences"
    )
    # "technical" is the job_bank kind for any skill of the role itself, nursing or SEO as much
    # as SQL; said to the model, it would ask a nurse about the technology of giving medicine
    ask_for = (
        f"one question that tests how well the candidate knows {skill}: what they know and what "
        "they would do"
        if kind == "technical"
        else f"one behavioural question (about a real past situation) on {skill}"
    )
    parts = [f"Job ad: {_cut_words(job_ad, JOB_AD_MAX_WORDS)}"]
    if cv.strip():
        parts.append(f"Candidate's CV: {_cut_words(cv, CV_MAX_WORDS)}")
    parts.append(f"Write {ask_for} for this job.")
    return Prompt(
        "bank_question",
        (Message("system", system), Message("user", "\n\n".join(parts))),
        BANK_QUESTION_MAX_TOKENS,
    )


def parse_bank_question(text: str) -> DraftQuestion | None:
    """The three labelled parts, or None when one is missing."""
    found: dict[str, str] = {}
    label = None
    for line in text.strip().splitlines():
        match = PART.match(line)
        if match:
            label = match.group(1).lower().split()[0].rstrip("s")
            label = "answer" if label in {"model", "short"} else label
            found[label] = match.group(2).strip()
        elif label and line.strip():
            found[label] += " " + line.strip()
    if not all(found.get(k) for k in ("question", "key", "answer")):
        return None
    points = tuple(
        p.strip(" -*•.") for p in re.split(r";|\s\d[.)]\s", found["key"]) if p.strip(" -*•.")
    )
    return DraftQuestion(found["question"].strip('*" '), points, found["answer"].strip('*" '))


def _overlap(a: str, b: str) -> float:
    first, second = content_stems(a), content_stems(b)
    return len(first & second) / max(1, min(len(first), len(second)))


def check_bank_question(
    text: str, kind: str, skill_words: str, earlier: tuple[str, ...] = ()
) -> Check:
    """A generated question may go into the bank if all three parts are sound and it is new."""
    draft = parse_bank_question(text)
    if draft is None:
        return Check(text.strip(), ("not the three lines QUESTION / KEY POINTS / ANSWER",))
    problems = []
    question = draft.text
    words = len(question.split())
    if not question.endswith("?") or question.count("?") != 1:
        problems.append("the question is not one question ending with a question mark")
    if not BANK_QUESTION_WORDS[0] <= words <= BANK_QUESTION_WORDS[1]:
        problems.append(
            f"the question has {words} words ({BANK_QUESTION_WORDS[0]}-{BANK_QUESTION_WORDS[1]})"
        )
    if kind == "technical" and not content_stems(question) & content_stems(skill_words):
        problems.append(f"the question is not about {skill_words.split(',')[0]}")
    if kind == "behavioural" and not any(cue in question.lower() for cue in EXPERIENCE_CUES):
        problems.append("the behavioural question does not ask about a real situation")
    if not BANK_KEY_POINTS[0] <= len(draft.key_points) <= BANK_KEY_POINTS[1]:
        problems.append(
            f"{len(draft.key_points)} key points ({BANK_KEY_POINTS[0]}-{BANK_KEY_POINTS[1]})"
        )
    if any(len(p.split()) > BANK_KEY_POINT_MAX_WORDS for p in draft.key_points):
        problems.append(f"a key point runs over {BANK_KEY_POINT_MAX_WORDS} words")
    answer_words = len(draft.model_answer.split())
    if not BANK_ANSWER_WORDS[0] <= answer_words <= BANK_ANSWER_WORDS[1]:
        low, high = BANK_ANSWER_WORDS
        problems.append(f"the model answer has {answer_words} words ({low}-{high})")
    if draft.model_answer.rstrip()[-1:] not in {".", "!", "?"}:
        problems.append("the model answer stops mid-sentence")
    if any(PLACEHOLDER.search(part) for part in (question, draft.model_answer, *draft.key_points)):
        problems.append("contains a placeholder")
    for other in earlier:
        if _overlap(question, other) >= DUPLICATE_OVERLAP:
            problems.append(f"the same question as {other!r}")
            break
    return Check(text.strip(), tuple(problems))
