"""Saving an answered question: its last attempt, its card and its quiz, together."""

from __future__ import annotations

from datetime import datetime

from dltutor.progress import sessions
from dltutor.progress.cards import Card, get_card, put_card
from dltutor.progress.schedule import review, scheduler
from dltutor.progress.store import Attempt, Store


def record_review(
    store: Store,
    question_id: str,
    topic: str,
    rating: int,
    when: datetime,
    seed: int | None = None,
    attempt: Attempt | None = None,
    session_id: int | None = None,
) -> Card:
    """Schedule the question's card by `rating`; with it, save `attempt` (the final
    try, if there was one: a skip has none) and count the question done in the
    quiz. One transaction, so a kill leaves all of it or none."""
    scheduler()  # import fsrs before taking the write lock
    with store.transaction("save the answer to"):
        card = review(get_card(store, question_id), question_id, topic, rating, when, seed)
        if attempt is not None:
            store.insert_attempt(attempt, when)
        put_card(store, card)
        if session_id is not None:
            sessions.advance(store, session_id)
    return card
