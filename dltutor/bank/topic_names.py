"""Topic names the way people type them: `attention`, `vae`, `attn`, `3`.

`resolve(typed, ids)` returns the one topic id meant, trying in order: the id
itself; a course position (`3` is the third topic of `dltutor learn`); a word
of an id that the typed text begins (`attention` → attention-transformers,
`vae` → autoencoders-vae, `cnn` → cnn-architectures); an abbreviation whose
letters appear in order in one word, starting with its first letter (`attn`).
More than one match is an error that lists them; none falls back to "did you
mean".
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from dltutor.errors import NotFoundError


def resolve(typed: str, ids: Sequence[str]) -> str:
    name = typed.strip().lower()
    if name in ids:
        return name
    if name.isdigit():
        return _by_position(int(name), ids)
    for matches in (_word_prefix(name, ids), _abbreviation(name, ids)):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise NotFoundError(f"'{typed}' could be {', '.join(matches)}: type more of the name")
    close = difflib.get_close_matches(name, list(ids), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise NotFoundError(f"no topic '{typed}'{hint}; `dltutor learn` lists the topics")


def _by_position(number: int, ids: Sequence[str]) -> str:
    if 1 <= number <= len(ids):
        return ids[number - 1]
    raise NotFoundError(f"there is no topic {number}: the course has topics 1 to {len(ids)}")


def _word_prefix(name: str, ids: Sequence[str]) -> list[str]:
    """Ids whose whole name or one of whose words begins with `name`."""
    if not name:
        return []
    return [i for i in ids if i.startswith(name) or any(w.startswith(name) for w in i.split("-"))]


def _abbreviation(name: str, ids: Sequence[str]) -> list[str]:
    """Ids with a word that `name` abbreviates; of those, the ones sharing the
    longest start with it (`attn` is attention's, not activations')."""
    scored = (
        {
            i: max((_shared_start(name, w) for w in i.split("-") if _abbreviates(name, w)), default=0)
            for i in ids
        }
        if len(name) >= 2
        else {}
    )
    best = max(scored.values(), default=0)
    return [i for i, score in scored.items() if score == best and best > 0]


def _shared_start(a: str, b: str) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def _abbreviates(short: str, word: str) -> bool:
    if not word.startswith(short[0]):
        return False
    letters = iter(word)
    return all(letter in letters for letter in short)
