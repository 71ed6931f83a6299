"""One error hierarchy for the whole library; only the CLI edge catches it.

Every error carries a message a learner or author can act on. `exit_code`
follows DESIGN §2: 2 means the input could not be read or used.
"""

from __future__ import annotations


class DltutorError(Exception):
    """Base of every error dltutor reports to a person."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BankError(DltutorError):
    """A bank file is unreadable or breaks the schema; says file, line and field."""

    detail: str | None = None  # the bare reason, when the message also gives the place

    def __init__(
        self, message: str, file: str | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        self.file, self.line, self.field = file, line, field
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        what = f"field '{field}': " if field else ""
        super().__init__(f"{where}{what}{message}")


class NotFoundError(DltutorError):
    """A topic, question id, file or function that does not exist."""


class AnswerFormatError(DltutorError):
    """The answer cannot be read. Not a wrong answer: it costs no attempt.

    `position` is the 0-based character offset of the problem in the raw
    answer, when there is one, so the CLI can draw a caret under it.
    """

    def __init__(self, message: str, position: int | None = None, text: str | None = None) -> None:
        super().__init__(message)
        self.position, self.text = position, text


class ProgressError(DltutorError):
    """The progress database cannot be opened, read or written."""


class SandboxError(DltutorError):
    """Learner code could not be run at all (not: it ran and was wrong)."""
