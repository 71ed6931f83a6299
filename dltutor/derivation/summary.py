"""The sentences a learner reads about a checked derivation (plain text, no markup)."""

from __future__ import annotations

from .model import DerivationCheck, Step


def number(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.6g}"


def break_sentence(step: Step) -> str:
    """`Line 3 does not follow from line 2: at x = 0.5 …` plus the mistake, when named."""
    where = ", ".join(f"{name} = {value:.6g}" for name, value in (step.counterexample or {}).items())
    at = (
        (
            f": at {where} line {step.line} gives {number(step.this_value)}, line "
            f"{step.compared_with} gives {number(step.previous_value)}"
        )
        if where
        else ""
    )
    text = f"Line {step.line} does not follow from line {step.compared_with}{at}."
    return f"{text} {step.message}" if step.mistake and step.message else text


def summary(check: DerivationCheck, final_correct: bool, target: str) -> str:
    """What the steps say, given whether the last line is `target` (e.g. "the derivative")."""
    brk = check.first_break
    sentences: list[str] = []
    every = (
        "Every step"
        if not any(s.status == "undecided" for s in check.steps)
        else "Every step that could be compared"
    )
    if brk is None and final_correct:
        sentences.append(f"{every} follows from the one before, and the last line is {target}.")
    elif brk is None:
        first = next(s for s in check.steps if s.status == "start")
        sentences.append(
            f"{every} follows from the one before, but the last line is not "
            f"{target}, so the derivation was already off at line {first.line}, "
            "where it starts."
        )
    else:
        if final_correct:
            sentences.append(f"The last line is {target}, but not every step holds.")
        sentences.append(break_sentence(brk))
        sentences.append(_after_break(check, brk))
    unsure = [s for s in check.steps if s.status == "undecided"]
    if unsure:
        more = f" (and {len(unsure) - 1} more line(s) not compared)" if len(unsure) > 1 else ""
        sentences.append(_capital(unsure[0].message or "") + more + ".")
    return " ".join(s for s in sentences if s)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_final(check: DerivationCheck, steps_text: str, final_feedback: str | None) -> str:
    """The steps' sentences, then the final line's feedback unless it only repeats the
    mistake already named at the first break."""
    brk = check.first_break
    repeats = bool(brk and brk.message and final_feedback and brk.message in final_feedback)
    return " ".join(t for t in (steps_text, None if repeats else final_feedback) if t)


def _after_break(check: DerivationCheck, brk: Step) -> str:
    later = check.later_breaks()
    if later:
        lines = ", ".join(str(s.line) for s in later)
        return (
            f"After it, line{'s' if len(later) > 1 else ''} {lines} do{'es' if len(later) == 1 else ''} "
            "not follow from the line before either."
        )
    if brk is not check.steps[-1]:
        return f"Every line after line {brk.line} follows from the one before it."
    return ""
