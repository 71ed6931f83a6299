"""`bank show`: the author's view of one variant, for every question kind.

`variant_view(variant)` returns plain data (what `--json` prints): the prompt
as the learner reads it, the reference answer (`answer`: a number for numeric
questions, a list of ints for shapes, letters for choices, text for symbolic
kinds, the reference file's path for code), the same as display text
(`answer_text`), the wrong answers with their mistakes and feedback, the hints
and the explanation. Code exercises name files instead of inlining them.
"""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Variant
from dltutor.grading import reference_text, shown_answer, wrong_answer_text
from dltutor.kinds import kind_module


def variant_view(variant: Variant) -> dict[str, Any]:
    question = variant.question
    answer, answer_text = _answer(variant)
    view: dict[str, Any] = {
        "id": question.id,
        "topic": question.topic,
        "kind": question.kind,
        "seed": variant.seed,
        "difficulty": question.difficulty,
        "parametrised": question.parametrised,
        "values": variant.values,
        "prompt": variant.prompt,
        "answer": answer,
        "answer_text": answer_text,
        "wrong": [
            {"answer": _wrong(variant, wrong.answer), "mistake": wrong.mistake, "feedback": wrong.feedback}
            for wrong in variant.wrong
        ],
        "hints": list(variant.hints),
        "explanation": variant.explanation,
    }
    view.update(_kind_fields(variant))
    return view


def _answer(variant: Variant) -> tuple[Any, str]:
    kind = variant.question.kind
    if kind == "numeric":
        from dltutor.kinds import numeric

        return numeric.answer_number(variant), shown_answer(variant)
    if kind == "code":
        from dltutor.codecheck.spec import exercise

        path = str(exercise(variant).reference)
        return path, path
    text = reference_text(variant)
    if kind == "shape":
        return list(kind_module("shape").parse(text)), text
    if kind == "choice":
        letters = sorted(kind_module("choice").parse(text, variant))
        choices = variant.extra["choices"]
        shown = "; ".join(f"{letter}) {choices[ord(letter) - 97]}" for letter in letters)
        return letters[0] if len(letters) == 1 else letters, shown
    return text, text


def _wrong(variant: Variant, value: Any) -> Any:
    kind = variant.question.kind
    if kind == "numeric":
        from dltutor.kinds import numeric

        number = numeric.value_of(value, numeric.precision(variant))
        return int(number) if number.denominator == 1 else float(number)
    if kind == "code":
        from dltutor.codecheck.spec import exercise

        return str(exercise(variant).folder / str(value))
    text = wrong_answer_text(variant, value)
    return list(kind_module("shape").parse(text)) if kind == "shape" else text


def _kind_fields(variant: Variant) -> dict[str, Any]:
    extra, kind = variant.extra, variant.question.kind
    if kind == "choice":
        return {"choices": list(extra["choices"])}
    if kind == "numeric":
        return {"decimals": extra.get("decimals"), "significant": extra.get("significant")}
    if kind == "code":
        from dltutor.codecheck.spec import exercise

        spec = exercise(variant)
        return {"signature": spec.signature, "starter": str(spec.starter)}
    return {}
