"""Exercise forms beyond a plain function (DESIGN §5), each in its own module.

    module.py    `form: module`: the answer is an nn.Module class; the tutor
                 builds it with each case's arguments, loads the reference's
                 weights by name, compares outputs and every parameter's gradient
    also.py      `also:` a function graded with a module's class in the same
                 calls (code.vae's vae_loss), bound to the forward's results
    training.py  `form: training`: the learner's function trains a model the
                 tutor builds from weights it drew; final parameters compared

A form plugs into the function machinery at three points, all here:
`build_cases` (its cases), `callable_in` (what the tutor runs for a trusted
file) and `entry` (what the sandbox calls). A function exercise goes
through all three unchanged. The edge battery (battery.py) serves function
exercises on tensors only (`battery`): a form's inputs are data and weights
the tutor draws, and a NumPy exercise's arrays are not tensors to stride.
The probe (probe.py: inputs changed, returned or not reusable) serves
function exercises, NumPy ones too, and a module's forward inputs
(`probed`); a training run's data is the tutor's copy, its weights the
model's to change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dltutor.codecheck.spec import Exercise

FUNCTION, MODULE, TRAINING = "function", "module", "training"
FORMS = (FUNCTION, MODULE, TRAINING)


def battery(exercise: Exercise) -> bool:
    """Whether the edge battery applies (and the non-contiguous views)."""
    return exercise.form == FUNCTION and not exercise.numpy


def probed(exercise: Exercise) -> bool:
    """Whether value calls are probed for mutation, aliasing (and reuse)."""
    return exercise.form in (FUNCTION, MODULE)


def build_cases(exercise: Exercise, seed: int) -> list | None:
    """The cases of a form that makes its own, or None (the function's)."""
    if exercise.form == MODULE:
        from dltutor.codecheck.forms.module import module_cases

        return module_cases(exercise, seed)
    if exercise.form == TRAINING:
        from dltutor.codecheck.forms.training import training_cases

        return training_cases(exercise, seed)
    return None


def callable_in(exercise: Exercise, path: Path) -> Callable[..., Any]:
    """What the tutor calls for a trusted file, as the sandbox calls the learner's."""
    from dltutor.codecheck.trusted import function_in

    if exercise.form == MODULE:
        from dltutor.codecheck.forms.module import trusted_entry

        return trusted_entry(path, exercise.function)
    if exercise.form == TRAINING:
        from dltutor.codecheck.forms import training

        return training.trusted_entry(path, exercise.function)
    function = function_in(path, exercise.function)
    return as_numpy(function) if exercise.numpy else function


def as_numpy(function: Callable[..., Any]) -> Callable[..., Any]:
    """Called with tensors (trusted.run_case), passing NumPy arrays on, as the
    sandbox passes them to a NumPy-only exercise."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return function(*(a.numpy() if hasattr(a, "numpy") else a for a in args), **kwargs)

    return call


def entry(exercise: Exercise) -> str | None:
    """The sandbox-side function a form's calls go through (None: the plain adapter)."""
    if exercise.form == MODULE:
        from dltutor.codecheck.forms.module import ENTRY

        return ENTRY
    if exercise.form == TRAINING:
        from dltutor.codecheck.forms.training import ENTRY as TRAIN_ENTRY

        return TRAIN_ENTRY
    return None
