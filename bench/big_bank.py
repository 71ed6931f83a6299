"""A synthetic bank and a long history, for the big-bank budget (DESIGN §7).

    make_bank(folder, questions=20_000, topics=40)   parametrised numeric questions
    make_history(path, bank_ids, answers=100_000)    a progress export to import

Both are deterministic (named seeds), so every run measures the same data.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

LESSON = """format_version: 1
title: Synthetic topic {n}
summary: Generated for the big-bank benchmark.
sections:
  - title: Sums
    body:
      - text: Add two numbers.
"""
QUESTION = """  - id: big{n}.q{i}
    kind: numeric
    prompt: What is {{a}} + {{b}} (question {i})?
    params:
      a: {{int: [1, 99]}}
      b: {{int: [1, 99]}}
    answer: "{{a + b}}"
    wrong:
      - answer: "{{a - b}}"
        mistake: subtracted
        feedback: That is the difference.
    hints: [Add them.]
    explanation: "{{a}} + {{b}} = {{a + b}}."
    difficulty: {difficulty}
    section: Sums
"""


def make_bank(folder: Path, questions: int = 20_000, topics: int = 40) -> list[str]:
    """Write the bank; return every question id."""
    ids, per_topic = [], questions // topics
    for n in range(topics):
        topic = folder / f"big-{n:02d}"
        topic.mkdir(parents=True, exist_ok=True)
        (topic / "lesson.yaml").write_text(LESSON.format(n=n))
        body = "".join(QUESTION.format(n=n, i=i, difficulty=1 + i % 5) for i in range(per_topic))
        (topic / "questions.yaml").write_text("format_version: 1\nquestions:\n" + body)
        ids += [f"big{n}.q{i}" for i in range(per_topic)]
    return ids


def make_history(path: Path, ids: list[str], answers: int = 100_000, seed: int = 7) -> None:
    """An export file with `answers` attempts over `ids`, spread over a year."""
    rng, start = random.Random(seed), datetime(2026, 1, 1, tzinfo=timezone.utc)
    attempts = []
    for k in range(answers):
        qid = rng.choice(ids)
        when = start + timedelta(minutes=5 * k)
        right = rng.random() < 0.7
        attempts.append({"question_id": qid, "topic": "big-" + qid[3:].split(".")[0].zfill(2),
                         "kind": "numeric", "seed": k, "answer": "1",
                         "verdict": "correct" if right else "incorrect",
                         "score": 1.0 if right else 0.0, "mistake": None, "hints_used": 0,
                         "try_number": 1, "seconds": 5.0,
                         "answered_at": when.replace(microsecond=0).isoformat()})
    payload = {"format": "dltutor-progress", "version": 1,
               "exported_at": (start + timedelta(days=400)).isoformat(),
               "attempts": attempts, "cards": []}
    path.write_text(json.dumps(payload))
