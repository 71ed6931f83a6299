"""What the content tests share: the built-in bank and the ways they read it.

One copy of each helper the `test_*_facts.py` files and `test_content_bank.py`
use, so they all load, draw and read questions and lessons the same way.

Code exercises (kind `code`, ids `code.*`, from `content/<topic>/exercises.yaml`)
are written and tested elsewhere: `bank_questions` leaves them out, and the
coverage tests here count only what it returns.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pytest
import torch.nn as nn

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.bank.models import ExampleBlock, FormulaBlock, Question, TextBlock, Variant
from dltutor.bank.variants import make_variant
from dltutor.kinds import numeric, shape
from dltutor.kinds.base import as_text

BOOKS = Catalogue([builtin_bank()])
SEEDS = range(30)


# questions and variants -------------------------------------------------------

def bank_questions(topic: str) -> list[Question]:
    """The topic's questions, but not its code exercises (those have their own tests)."""
    return [q for q in BOOKS.questions(topic) if q.kind != "code"]


def variants(question_id: str, seeds: Iterable[int] = SEEDS) -> Iterator[Variant]:
    """The question drawn for each seed; a question without parameters, once (seed 0)."""
    question = BOOKS.question(question_id)
    for seed in seeds if question.parametrised else [0]:
        yield make_variant(question, seed)


def distinct(question_id: str, *names: str, seeds: Iterable[int] = SEEDS) -> Iterator[Variant]:
    """The variants of `variants`, one per distinct value of the named parameters
    (of all parameters when none is named): for the slower checks."""
    seen = set()
    for v in variants(question_id, seeds):
        key = tuple(v.values[name] for name in names) if names else tuple(sorted(v.values.items()))
        if key not in seen:
            seen.add(key)
            yield v


def number(variant: Variant) -> float:
    return float(numeric.parse(as_text(variant.answer)))


def dims(variant: Variant) -> tuple[int, ...]:
    return shape.parse(as_text(variant.answer))


def close(bank: float, torch_value: float, rel: float = 1e-9) -> None:
    # the bank's reference is computed exactly; rounding tolerance is for learners only
    assert bank == pytest.approx(torch_value, rel=rel, abs=1e-12)


def n_params(module: nn.Module) -> int:
    """Trainable parameters, as the bank counts them."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


# lessons ----------------------------------------------------------------------

def lesson_text(topic: str) -> str:
    """A lesson's prose, examples, formula notes and key points as one line."""
    lesson = BOOKS.lesson(topic)
    parts = list(lesson.key_points)
    for section in lesson.sections:
        for block in section.blocks:
            if isinstance(block, (TextBlock, ExampleBlock)):
                parts.append(block.text)
            elif isinstance(block, FormulaBlock) and block.note:
                parts.append(block.note)
    return " ".join(" ".join(parts).split())  # one line: wrapping does not matter


def shows(topic: str, *expected: str) -> None:
    text = lesson_text(topic)
    for item in expected:
        assert item in text, f"the {topic} lesson should say {item!r}"


# coverage ---------------------------------------------------------------------

def called_ids(test_file: str | Path, *helpers: str) -> set[str]:
    """The question ids a test file passes, as a literal first argument, to the named helpers.

    Read from the file's syntax tree, not by a pattern over its text: a call
    with more arguments (`distinct("opt.momentum-speedup", "mu")`) counts like
    one with a single argument, and an id in a comment or a docstring does not.
    Static, so a coverage test gives the same answer whatever ran before it.
    """
    tree = ast.parse(Path(test_file).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            if name in helpers and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def assert_checked(covered: set[str], questions: Iterable[Question],
                   needs_check: Callable[[Question], bool], excused: Iterable[str] = (),
                   missing_says: str = "questions without a PyTorch check") -> None:
    """A coverage test: every question that `needs_check` has a check (or an excuse), and
    every id checked is one of `questions`, the bank questions the test file is about."""
    questions = list(questions)
    ids = {q.id for q in questions}
    assert covered <= ids, f"checks of questions that are not these: {sorted(covered - ids)}"
    missing = {q.id for q in questions if needs_check(q)} - covered - set(excused)
    assert not missing, f"{missing_says}: {sorted(missing)}"
