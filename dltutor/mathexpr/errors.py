"""The one error this package raises for input it cannot read."""

from __future__ import annotations

from dltutor.errors import AnswerFormatError


class ExprFormatError(AnswerFormatError):
    """Text that is not a readable expression.

    `position` is a 0-based offset into the ORIGINAL text (before any
    normalisation), so a caller can draw a caret under the problem; it is None
    when the problem is the text as a whole (empty, too long).
    """

    def caret(self) -> str:
        """The text with a caret line under `position` (two lines), or ''."""
        if self.text is None or self.position is None:
            return ""
        line = self.text.replace("\n", " ").replace("\t", " ")
        return f"{line}\n{' ' * min(self.position, len(line))}^"
