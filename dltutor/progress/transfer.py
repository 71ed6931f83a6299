"""Moving progress between machines, and starting over.

An export is one JSON object marked `"format": "dltutor-progress"` with a
`version`. Importing merges: attempts are added unless already there (same
question, time, try, seed, answer and verdict), and each card keeps whichever
state was reviewed last, so importing never loses newer data and importing
the same file twice changes nothing. The whole file is checked before the
database is touched, and the merge is one transaction.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dltutor.errors import DltutorError
from dltutor.files import read_user_file, writable_target
from dltutor.progress.cards import Card, all_cards, get_card, put_card
from dltutor.progress.clock import parse, stamp
from dltutor.progress.store import ATTEMPT_COLUMNS, Attempt, Store
from dltutor.progress.transfer_check import check_export

FORMAT = "dltutor-progress"
VERSION = 1
_ATTEMPT_NAMES = ATTEMPT_COLUMNS.split(", ")
_SAME_ATTEMPT = ("SELECT 1 FROM attempts WHERE question_id = ? AND answered_at = ? AND"
                 " try_number = ? AND seed = ? AND answer = ? AND verdict = ? LIMIT 1")


@dataclass(frozen=True)
class Merged:
    attempts_added: int
    attempts_known: int
    cards_taken: int  # newer in the file than here
    cards_kept: int  # as new or newer here


def export(store: Store, path: Path, now: datetime) -> tuple[int, int]:
    """Write every attempt and card to `path` (atomically); returns their counts."""
    attempts = [dict(zip(_ATTEMPT_NAMES, row)) for row in
                store.query(f"SELECT {ATTEMPT_COLUMNS} FROM attempts ORDER BY answered_at, id")]
    cards = [card.to_json() for card in all_cards(store).values()]
    payload = {"format": FORMAT, "version": VERSION, "exported_at": stamp(now),
               "attempts": attempts, "cards": cards}
    partial = writable_target(path).with_name(path.name + ".partial")
    try:
        partial.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(partial, path)  # a reader never sees half a file
    except OSError as exc:
        raise DltutorError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(attempts), len(cards)


def read_export(path: Path) -> dict[str, Any]:
    text = read_user_file(path, "export file", limit=256 << 20)
    try:
        data = json.loads(text)
    except RecursionError:
        raise DltutorError(f"{path} is nested too deeply to be an export; nothing was imported") from None
    except json.JSONDecodeError as exc:
        raise DltutorError(_not_json(path, text, exc)) from None
    check_export(data, str(path), FORMAT, VERSION)
    return data


def _not_json(path: Path, text: str, exc: json.JSONDecodeError) -> str:
    """Say which: not JSON at all (another file), JSON that stops early (cut short),
    or JSON broken in the middle, with the line."""
    where = f"line {exc.lineno}, column {exc.colno}"
    if not text.lstrip().startswith(("{", "[")):
        return (f"{path} is not JSON ({where}: {exc.msg}); `dltutor progress import` takes a "
                "file written by `dltutor progress export`. Nothing was imported")
    if exc.pos >= len(text.rstrip()):
        return (f"{path} stops before its JSON is complete ({where}); perhaps it was cut short. "
                "Nothing was imported")
    return f"{path} is not valid JSON ({where}: {exc.msg}). Nothing was imported"


def merge(store: Store, data: dict[str, Any]) -> Merged:
    attempts = [(Attempt(**{k: a[k] for k in _ATTEMPT_NAMES[:-1]}), parse(a["answered_at"]))
                for a in data["attempts"]]
    cards = [Card.from_json(c) for c in data["cards"]]
    added = taken = 0
    with store.transaction("import into"):
        for attempt, when in attempts:
            key = (attempt.question_id, stamp(when), attempt.try_number, attempt.seed,
                   attempt.answer, attempt.verdict)
            if not store.conn.execute(_SAME_ATTEMPT, key).fetchone():
                store.insert_attempt(attempt, when)
                added += 1
        for card in cards:
            here = get_card(store, card.question_id)
            if here is None or _newer(card, here):
                put_card(store, card)
                taken += 1
    return Merged(added, len(attempts) - added, taken, len(cards) - taken)


def _newer(card: Card, than: Card) -> bool:
    if card.last_review is None or than.last_review is None:
        return than.last_review is None and card.reps > than.reps
    return card.last_review > than.last_review


def counts(store: Store, topic: str | None = None) -> tuple[int, int]:
    """How many attempts and cards a reset of `topic` (None: everything) would delete."""
    where, args = (" WHERE topic = ?", (topic,)) if topic else ("", ())
    return (store.query("SELECT COUNT(*) FROM attempts" + where, args)[0][0],
            store.query("SELECT COUNT(*) FROM cards" + where, args)[0][0])


def reset(store: Store, topic: str | None = None) -> None:
    where, args = (" WHERE topic = ?", (topic,)) if topic else ("", ())
    with store.transaction("reset"):
        store.conn.execute("DELETE FROM attempts" + where, args)
        store.conn.execute("DELETE FROM cards" + where, args)
        store.conn.execute("UPDATE quiz_sessions SET open = 0")  # its plan may be gone

