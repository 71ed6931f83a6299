"""Parameters and variants: the same seed always gives the same question.

A question may declare parameters; `make_variant(question, seed)` draws them
from a generator seeded by the question id and the seed, then fills every
`{expression}` in the prompt, answers, hints and kind fields. `{{` and `}}`
stand for literal braces. A field that is exactly one `{expression}` keeps the
value itself (a number stays a number, not its rounded text).
"""

from __future__ import annotations

import random
import re
from typing import Any

from dltutor.bank.arith import evaluate
from dltutor.bank.models import Param, Question, Variant, WrongAnswer
from dltutor.errors import BankError
from dltutor.kinds.rounding import Precision

_PLACE = re.compile(r"\{\{|\}\}|\{([^{}]+)\}")


def draw(params: tuple[Param, ...], rng: random.Random) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for param in params:
        if param.kind == "int":
            values[param.name] = rng.randint(int(param.spec[0]), int(param.spec[1]))
        elif param.kind == "float":
            value = rng.uniform(float(param.spec[0]), float(param.spec[1]))
            values[param.name] = round(value, param.digits) if param.digits is not None else value
        elif param.kind == "choice":
            values[param.name] = rng.choice(param.spec)
        else:  # a value derived from the ones drawn before it
            values[param.name] = evaluate(param.spec, values)
    return values


def fill(template: Any, values: dict[str, Any]) -> Any:
    """Fill `{...}` places in a string, or in every string inside lists and maps."""
    if isinstance(template, list):
        return [fill(item, values) for item in template]
    if isinstance(template, dict):
        return {key: fill(item, values) for key, item in template.items()}
    if not isinstance(template, str):
        return template
    whole = _PLACE.fullmatch(template.strip())
    if whole and whole.group(1) and ":" not in whole.group(1):
        return evaluate(whole.group(1), values)
    return _PLACE.sub(lambda match: _place(match, values), template)


def _place(match: re.Match[str], values: dict[str, Any]) -> str:
    if match.group(0) in ("{{", "}}"):
        return match.group(0)[0]
    expression, _, spec = match.group(1).partition(":")
    value = evaluate(expression, values)
    return format(value, spec) if spec else format_number(value)


def format_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".6g")
    if isinstance(value, tuple):
        return "(" + ", ".join(format_number(item) for item in value) + ")"
    return str(value)


def with_precision(prompt: str, extra: dict[str, Any]) -> str:
    """The prompt with its precision sentence, generated from the declared `decimals` or
    `significant` (numeric questions) so that what is asked is what is graded."""
    sentence = Precision(extra.get("decimals"), extra.get("significant")).sentence()
    if sentence is None:
        return prompt
    text = prompt.rstrip()
    last = text.splitlines()[-1] if text else ""
    block = "\n" in text and (last.startswith(("```", "    ", "- ", "* ", "|")) or "\n\n" in text)
    return f"{text}{chr(10) * 2 if block else ' '}{sentence}"


def make_variant(question: Question, seed: int = 0) -> Variant:
    if not question.params:
        return Variant(
            question,
            seed,
            {},
            with_precision(question.prompt, question.extra),
            question.answer,
            question.wrong,
            question.hints,
            question.explanation,
            dict(question.extra),
        )
    rng = random.Random(f"{question.id}:{seed}")
    try:
        values = draw(question.params, rng)
        return Variant(
            question,
            seed,
            values,
            with_precision(fill(question.prompt, values), question.extra),
            fill(question.answer, values),
            tuple(
                WrongAnswer(fill(w.answer, values), w.mistake, fill(w.feedback, values), w.line)
                for w in question.wrong
            ),
            tuple(fill(hint, values) for hint in question.hints),
            fill(question.explanation, values),
            fill(dict(question.extra), values),
        )
    except BankError as exc:
        error = BankError(
            f"question '{question.id}', seed {seed}: {exc.message}", question.file, question.line
        )
        error.detail = exc.message  # the bare reason, for reports that give the place themselves
        raise error from None
