"""Feedback before the last try, without the answer in it.

A listed mistake's feedback often ends by stating the right answer ("One row
per output, one column per input: (5, 3)."). Before the last try the learner
gets the why, not the answer: every sentence holding a piece of text that
grades *correct* for the variant (a `code span`, a parenthesised tuple, a
bracketed matrix, a number, what follows an "=") is cut off from the clause
that holds it ("One row per output, one column per input."), or left out
whole when its first clause holds it; so is a sentence naming a right letter
of a choice question as "(b)" or "b)". When nothing is left, the mistake is
named instead. After the last try the full
feedback is shown, followed by the answer.

Code exercises keep their feedback: it is a failing case, never the solution,
and grading a span of it would run the sandbox.
"""

from __future__ import annotations

import dataclasses
import re

from dltutor.bank.models import Variant
from dltutor.kinds.base import Verdict

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPANS = (
    re.compile(r"`([^`]+)`"),  # `σ(x)(1 − σ(x))`
    re.compile(r"(\([^()]*\))"),  # (5, 3)
    re.compile(r"(\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\])"),  # [[1, 2], [3, 4]]
    re.compile(r"(?<![\w.])([-−]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?![\w])"),  # 0.25, 16
    re.compile(r"=\s*([^=,;:\s][^=,;:]*?)\s*(?=[,;:]|\.\s|\.?$)"),
)  # … = 224.
_MAX_SPANS = 12  # grading is cheap but not free: only the first 12 spans of a clause are tried
_FEWEST_WORDS = 3  # a clause left dangling before the answer, shorter than this, goes too
_LETTER = re.compile(r"(?:^|[\s(])\(?([a-z])\)")


def withhold_answer(verdict: Verdict, variant: Variant) -> Verdict:
    """The verdict as shown before the last try: its feedback without the answer."""
    if verdict.correct or not verdict.feedback or variant.question.kind == "code":
        return verdict
    sentences = _SENTENCE_END.split(verdict.feedback.strip())
    kept = [short for short in (_before_answer(s, variant) for s in sentences) if short]
    if kept == sentences:
        return verdict
    feedback = " ".join(kept) if kept else _named(verdict.mistake)
    return dataclasses.replace(verdict, feedback=feedback)


def _before_answer(sentence: str, variant: Variant) -> str:
    """The sentence up to the clause that gives the answer away ("" if the first does)."""
    clauses = _clauses(sentence)
    for index, clause in enumerate(clauses):
        if _reveals(clause, variant):
            kept = clauses[:index]
            while kept and len(kept[-1].split()) < _FEWEST_WORDS:  # "Larger rates," says nothing
                kept.pop()
            return "".join(kept).rstrip(",;: ") + "." if kept else ""
    return sentence


def _clauses(sentence: str) -> list[str]:
    """Split after each ", " "; " ": " outside brackets and code spans, separators kept."""
    clauses, depth, code, start = [], 0, False, 0
    for i, ch in enumerate(sentence):
        code ^= ch == "`"
        depth += (ch in "([{") - (ch in ")]}")
        if ch in ",;:" and not code and depth <= 0 and sentence[i + 1 : i + 2] == " ":
            clauses.append(sentence[start : i + 2])
            start = i + 2
    return [*clauses, sentence[start:]]


def _named(mistake: str | None) -> str:
    if mistake:
        return f"A known slip ({mistake.replace('-', ' ')}); the why comes with the answer."
    return "Not this one; the why comes with the answer."


def _reveals(sentence: str, variant: Variant) -> bool:
    if variant.question.kind == "choice":
        return _names_right_letter(sentence, variant)
    spans = [m.group(1) for pattern in _SPANS for m in pattern.finditer(sentence)]
    return any(_grades_correct(span, variant) for span in spans[:_MAX_SPANS])


def _names_right_letter(sentence: str, variant: Variant) -> bool:
    right = variant.answer if isinstance(variant.answer, list) else [variant.answer]
    letters = {str(a).strip().lower() for a in right}
    return any(m.group(1) in letters for m in _LETTER.finditer(sentence))


def _grades_correct(span: str, variant: Variant) -> bool:
    from dltutor.errors import DltutorError
    from dltutor.grading import grade_answer

    try:
        return grade_answer(variant, span.strip()).correct
    except (DltutorError, ValueError, TypeError, ArithmeticError, RecursionError):
        return False  # not an answer at all: nothing given away
