"""Mastery: how well a question, and a topic, is known, read from FSRS stability.

A card's stability is the number of days after which FSRS expects recall to
have dropped to 90%. A question counts as mastered (1.0) once that reaches
MASTERED_STABILITY days, and partly (stability / MASTERED_STABILITY) before:
in practice, right on two different days, or right and quick the first time.
A wrong answer cuts stability, and mastery with it. A topic's mastery is the
mean over all its questions (unseen ones count 0); the topic is mastered when
every question has been answered and its mastery is at least TOPIC_MASTERED.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dltutor.progress.cards import Card

MASTERED_STABILITY = 7.0  # days
TOPIC_MASTERED = 0.8


def card_mastery(card: Card | None) -> float:
    if card is None or card.stability is None:
        return 0.0
    return min(1.0, card.stability / MASTERED_STABILITY)


def topic_mastery(question_ids: Iterable[str], cards: Mapping[str, Card]) -> float:
    ids = list(question_ids)
    return sum(card_mastery(cards.get(qid)) for qid in ids) / len(ids) if ids else 0.0


def is_mastered(question_ids: Iterable[str], cards: Mapping[str, Card]) -> bool:
    ids = list(question_ids)
    seen = sum(qid in cards for qid in ids)
    return mastered(len(ids), seen, topic_mastery(ids, cards))


def mastered(questions: int, seen: int, mastery: float) -> bool:
    """A topic of `questions` questions, `seen` of them answered, with this mean mastery."""
    return questions > 0 and seen == questions and mastery >= TOPIC_MASTERED
