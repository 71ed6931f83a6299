"""One question out of a big questions file, without parsing the rest of it.

The index (bank/index.py) records where each question starts, and holds a file
only once it parsed and validated whole with exactly its present bytes. For
such a file, the lines of one question (from its first line up to the next
question's) parse to the same Question as the whole file would give: they are
parsed behind as many empty lines as precede them, so every line number in
the question and in any message stays the file's own. Anything unexpected
(the bytes changed, the lines do not hold exactly that one question) gives
None, and the caller reads the file whole, which reports any error properly.
A quiz of ten questions from a 500-question file reads ten questions.
"""

from __future__ import annotations

from pathlib import Path

from dltutor.bank.index import Entry, knows
from dltutor.bank.models import Question
from dltutor.bank.questions import read_question
from dltutor.bank.yamlfile import parse_yaml
from dltutor.errors import BankError


def read_one(entry: Entry, next_line: int | None) -> Question | None:
    """The question `entry` names; `next_line`: where the file's next question starts."""
    try:
        data = Path(entry.file).read_bytes()
        if not knows(data, entry.topic):
            return None
        # YAML breaks lines at \n (a \r before it stays in the line), as split does
        lines = data.decode("utf-8").split("\n")[entry.line - 1 : next_line and next_line - 1]
        items = parse_yaml("\n" * (entry.line - 1) + "\n".join(lines), entry.file)
        if not isinstance(items, list) or len(items) != 1:
            return None
        question = read_question(items[0], entry.topic, entry.file)
    except (OSError, UnicodeDecodeError, BankError):
        return None
    return question if (question.id, question.line) == (entry.id, entry.line) else None
