"""Saving a one-shot answer (the CLI's `quiz --answer`, the Python API's `grade`).

One-shot answers carry no time or hints: right is Good, wrong is Again. The
attempt and the question's review card are written in one transaction.
"""

from __future__ import annotations

from typing import Any

from dltutor.kinds.base import Verdict


def record_answer(variant: Any, raw: str, verdict: Verdict) -> None:
    from dltutor.progress import clock
    from dltutor.progress.reviews import record_review
    from dltutor.progress.schedule import rating_for
    from dltutor.progress.store import Attempt, Store

    question = variant.question
    attempt = Attempt(
        question.id,
        question.topic,
        question.kind,
        variant.seed,
        raw,
        verdict.verdict,
        verdict.score,
        verdict.mistake,
    )
    record_review(
        Store(), question.id, question.topic, rating_for(verdict.correct), clock.now(), variant.seed, attempt
    )
