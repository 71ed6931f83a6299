"""A synthetic bank and a long history, for the big-bank budget (DESIGN §7).

    make_bank(folder, questions=20_000, topics=40)   parametrised numeric questions
    make_history(path, questions, answers=100_000)   a progress export to import

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


def make_bank(folder: Path, questions: int = 20_000, topics: int = 40) -> dict[str, tuple[str, str]]:
    """Write the bank; return every question id with its topic and kind."""
    ids: dict[str, tuple[str, str]] = {}
    per_topic = questions // topics
    for n in range(topics):
        topic = folder / f"big-{n:02d}"
        topic.mkdir(parents=True, exist_ok=True)
        (topic / "lesson.yaml").write_text(LESSON.format(n=n))
        body = "".join(QUESTION.format(n=n, i=i, difficulty=1 + i % 5) for i in range(per_topic))
        (topic / "questions.yaml").write_text("format_version: 1\nquestions:\n" + body)
        ids.update({f"big{n}.q{i}": (topic.name, "numeric") for i in range(per_topic)})
    return ids


END = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)  # the last answer; DLTUTOR_NOW follows it


def make_history(
    path: Path,
    questions: dict[str, tuple[str, str]],
    answers: int = 100_000,
    seed: int = 7,
    every: timedelta = timedelta(minutes=5),
) -> None:
    """An export file with `answers` attempts over `questions` (id -> topic, kind),
    one `every` so often up to END, and the review card each answered question
    would have: what a learner's history looks like (100,000 answers every five
    minutes is a year of study, every day)."""
    rng, ids = random.Random(seed), sorted(questions)
    attempts, cards = [], {}
    for k in range(answers):
        qid = rng.choice(ids)
        when = (END - every * (answers - 1 - k)).isoformat()
        (topic, kind), right = questions[qid], rng.random() < 0.7
        attempts.append(
            {
                "question_id": qid,
                "topic": topic,
                "kind": kind,
                "seed": k,
                "answer": "1",
                "verdict": "correct" if right else "incorrect",
                "score": 1.0 if right else 0.0,
                "mistake": None,
                "hints_used": 0,
                "try_number": 1,
                "seconds": 5.0,
                "answered_at": when,
            }
        )
        cards[qid] = _card(qid, topic, when, cards.get(qid), right, rng)
    payload = {
        "format": "dltutor-progress",
        "version": 1,
        "exported_at": END.isoformat(),
        "attempts": attempts,
        "cards": list(cards.values()),
    }
    path.write_text(json.dumps(payload))


def _card(qid: str, topic: str, when: str, before: dict | None, right: bool, rng: random.Random) -> dict:
    reps, lapses = (before["reps"], before["lapses"]) if before else (0, 0)
    stability = round(rng.uniform(0.5, 30.0), 3)
    due = datetime.fromisoformat(when) + timedelta(days=stability)
    return {
        "question_id": qid,
        "topic": topic,
        "state": 2,
        "step": None,
        "stability": stability,
        "difficulty": round(rng.uniform(1.0, 10.0), 3),
        "due": due.replace(microsecond=0).isoformat(),
        "last_review": when,
        "reps": reps + 1,
        "lapses": lapses + (not right),
        "last_seed": None,
    }
