"""Checking a learner's file: a sandbox started first, references meanwhile.

The order matters for speed: the sandbox child is spawned before the tutor
imports torch, so the two imports run on two cores at once; the references
are computed while the child warms up (or, in a quiz, while the learner
edits). A WarmSandbox serves one check; the next one is started right after.
Each check draws its inputs from a fresh secret seed (inputs.draw_seed), so
its references are computed in the tutor; in a quiz the next check's are
computed in the background while the learner edits again. A one-shot check
takes a seed drawn ahead from the pool (pool.py) when one is ready, and then
needs no torch in the tutor at all.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from dltutor.bank.models import Variant
from dltutor.codecheck import pool
from dltutor.codecheck.forms import TRAINING
from dltutor.codecheck.inputs import draw_seed
from dltutor.codecheck.prepare import ADAPTER_LINE, Prepared, prepare
from dltutor.codecheck.spec import Exercise, exercise
from dltutor.codecheck.verdicts import verdict_for
from dltutor.kinds.base import Verdict
from dltutor.sandbox import Limits, WarmSandbox

LIMITS_ENV = "DLTUTOR_CODE_LIMITS"  # e.g. "cpu=1,wall=3": short limits for tests


@dataclass(frozen=True)
class Parsed:
    source: str
    filename: str
    function: str
    lines: int


def limits(exercise: Exercise | None = None) -> Limits:
    """The default limits, or those of DLTUTOR_CODE_LIMITS (`cpu=S,wall=S,memory=MiB`);
    an exercise that states a CPU budget (a training run) gets it, unless
    DLTUTOR_CODE_LIMITS sets one."""
    given = dict(item.split("=", 1) for item in os.environ.get(LIMITS_ENV, "").split(",") if "=" in item)
    fields: dict[str, Any] = {}
    if "cpu" in given:
        fields["cpu_seconds"] = float(given["cpu"])
    if "wall" in given:
        fields["wall_seconds"] = float(given["wall"])
    if "memory" in given:
        fields["memory_bytes"] = int(float(given["memory"]) * (1 << 20))
    if exercise is not None and exercise.cpu_seconds and "cpu" not in given:
        fields["cpu_seconds"] = exercise.cpu_seconds
        fields.setdefault("wall_seconds", 2 * exercise.cpu_seconds + 10)
    return Limits(**fields)


class CodeCheck:
    """Checks of one variant: `run(parsed)` any number of times."""

    def __init__(self, variant: Variant, *, background: bool = False) -> None:
        self.variant = variant
        self.exercise = exercise(variant)
        # first of all: the child imports torch while the tutor does the same
        self.box: WarmSandbox | None = take_spare() or self._new_box()
        self._prepared: Prepared | None = None
        self._one_shot = False  # a check nobody computed ahead for: the pool serves it
        self._pooled: int | None = None  # the seed taken from the pool, if any
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._prepare, daemon=True)
            self._thread.start()

    def _prepare(self, one_shot: bool = False) -> None:
        try:
            # a fresh secret seed per check: the inputs cannot be looked up
            self._one_shot = one_shot
            self._pooled = pool.take(self.exercise) if one_shot else None
            self._prepared = (
                prepare(self.exercise, self._pooled)
                if self._pooled is not None
                else prepare(self.exercise, draw_seed(), secret=True)
            )
        except BaseException as exc:  # raised again in the caller's thread
            self._error = exc

    def _new_box(self) -> WarmSandbox:
        """A sandbox for this exercise: a torch training run's child also builds
        an optimizer while it waits (its first use imports torch._dynamo)."""
        spec = self.exercise
        return WarmSandbox(limits(), for_training=spec.form == TRAINING and not spec.numpy)

    def prepared(self) -> Prepared:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._prepared is None and self._error is None:
            self._prepare(one_shot=True)  # a one-shot: no time to compute ahead
        if self._error is not None:
            raise self._error
        assert self._prepared is not None
        return self._prepared

    def run(self, parsed: Parsed) -> Verdict:
        """Check one file. Start the next sandbox (rewarm) from the main thread."""
        prepared = self.prepared()
        box, self.box = self.box or self._new_box(), None
        box.limits = limits(self.exercise)  # a spare box was started before the exercise was known
        with box:
            result = box.run(
                parsed.source + ADAPTER_LINE,
                prepared.calls(parsed.function),
                forbidden=list(self.exercise.forbid),
                filename=parsed.filename,
                forbidden_ops=self.exercise.forbidden_ops(),
            )
        verdict = verdict_for(prepared, self.variant, parsed, result)
        if self._one_shot:
            pool.used(self.exercise, self._pooled)
            self._one_shot, self._pooled = False, None
        # every code verdict says which isolation produced it (SECURITY.md)
        return replace(verdict, evidence={**verdict.evidence, "isolation": box.mode})

    def rewarm(self) -> None:
        """The next check's sandbox and inputs (a new secret seed), in the background."""
        if self.box is None:
            self.box = self._new_box()
        if self._thread is None:
            self._prepared = None
            self._thread = threading.Thread(target=self._prepare, daemon=True)
            self._thread.start()

    def close(self) -> None:
        if self.box is not None:
            self.box.close()
            self.box = None
        if self._thread is not None:  # a torch thread cut off at exit aborts the process
            self._thread.join()
            self._thread = None


_PENDING: dict[tuple[str, int], CodeCheck] = {}
_SPARE: list[WarmSandbox] = []


def prestart() -> None:
    """Spawn a sandbox before even the bank is read (a one-shot code check
    knows it will need one): the next CodeCheck takes it."""
    if not _SPARE:
        _SPARE.append(WarmSandbox(limits()))


def take_spare() -> WarmSandbox | None:
    """The prestarted sandbox, if it is still young enough to be waited for: one
    left by a check that never came (an unreadable file, a notebook call that
    raised) would be killed at the end of its start window when finally used."""
    while _SPARE:
        box = _SPARE.pop()
        if time.monotonic() - box._spawned_at < box.startup_seconds / 2:
            return box
        box.close()
    return None


def start(variant: Variant, background: bool = True) -> CodeCheck:
    """Start (or reuse) the check of `variant`; `check()` then uses it."""
    key = (variant.id, variant.seed)
    if key not in _PENDING:
        _PENDING[key] = CodeCheck(variant, background=background)
    return _PENDING[key]


def check(variant: Variant, parsed: Parsed) -> Verdict:
    """Grade one file: with the check started for this variant, or a new one."""
    session = _PENDING.get((variant.id, variant.seed)) or CodeCheck(variant)
    verdict = session.run(parsed)
    if (variant.id, variant.seed) in _PENDING:
        session.rewarm()  # a quiz may check again: have the next sandbox ready
    return verdict


def finish(variant: Variant) -> None:
    session = _PENDING.pop((variant.id, variant.seed), None)
    if session is not None:
        session.close()
