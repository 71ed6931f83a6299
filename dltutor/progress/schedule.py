"""When a question comes back: the grade becomes an FSRS rating, FSRS moves the card.

The learner is never asked to rate themselves; the quiz already knows:

    wrong (both tries), or skipped         Again  (back tomorrow)
    right after a hint, or on the 2nd try  Hard
    right                                  Good
    right, first try, no hint, and quick   Easy

"Quick" is under QUICK_SECONDS_PER_LEVEL seconds per difficulty dot (10 s for
a one-dot question, 50 s for a five-dot one), timed from the question being
shown. One-shot answers (`quiz --id ... --answer`) carry no time, so right is Good.

`fsrs` is imported only here and only when a card is reviewed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from dltutor.progress.cards import Card
from dltutor.progress.clock import utc

if TYPE_CHECKING:  # imported when first used: it is slow to import
    import fsrs

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # fsrs.Rating values, without importing fsrs
QUICK_SECONDS_PER_LEVEL = 10.0


def rating_for(
    correct: bool, hints_used: int = 0, tries: int = 1, seconds: float | None = None, difficulty: int = 3
) -> int:
    if not correct:
        return AGAIN
    if hints_used or tries > 1:
        return HARD
    if seconds is not None and seconds < QUICK_SECONDS_PER_LEVEL * difficulty:
        return EASY
    return GOOD


@cache
def scheduler() -> fsrs.Scheduler:
    import fsrs

    # No minute-long steps: a terminal quiz is not open all day. A new card goes
    # straight to day-long intervals (Again on it is one day), and a forgotten
    # card relearns in one step of a day, so a wrong answer comes back the next
    # day rather than in ten minutes or, after a long interval, in several days.
    # No fuzz: a few hundred questions make no review pile-ups to spread out,
    # and a deterministic schedule keeps merges and tests reproducible.
    return fsrs.Scheduler(learning_steps=(), relearning_steps=(timedelta(days=1),), enable_fuzzing=False)


def review(
    card: Card | None, question_id: str, topic: str, rating: int, when: datetime, seed: int | None = None
) -> Card:
    """The card after answering with `rating` at `when`; a new card when `card` is None."""
    import fsrs

    moment = utc(when).replace(microsecond=0)  # stored to the second
    if card is not None and card.last_review is not None and moment < card.last_review:
        moment = card.last_review  # the clock went backwards: never schedule into the past
    before = (
        fsrs.Card(card_id=0, due=moment)
        if card is None
        else fsrs.Card(
            card_id=0,
            state=fsrs.State(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=utc(card.due),
            last_review=utc(card.last_review) if card.last_review else None,
        )
    )
    after, _ = scheduler().review_card(before, fsrs.Rating(rating), moment)
    reps, lapses = (card.reps, card.lapses) if card else (0, 0)
    return Card(
        question_id,
        topic,
        int(after.state),
        after.step,
        after.stability,
        after.difficulty,
        after.due,
        after.last_review,
        reps + 1,
        lapses + (rating == AGAIN),
        seed,
    )
