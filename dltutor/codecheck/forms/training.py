"""`form: training`: the learner's function trains a model.

YAML: `signature` is the training function's (`train(model, xs, ys, lr,
steps)`); each case gives `model` (layer sizes [d_in, hidden, d_out] of
`nn.Sequential(Linear, Tanh, Linear)`), the data arrays and the other
arguments. The tutor draws the model's starting weights (as nn.Linear
would) and sends them as named arrays after the data; in the sandbox,
TRAIN_ADAPTER builds the model, loads them, calls the learner's function
and returns the final parameters, which the tutor compares with its own
run of the reference from the same start: a missing zero_grad, a wrong
reduction or a step before backward leaves different parameters.

With a case generator (`cases: code/<name>/cases.py` returning
`held_out_case`s) the learner's function builds and trains its own model
from the training data and returns it; the adapter then has it label test
points the tutor drew, and a checker scores the labels against the ones the
tutor kept (they never reach the sandbox). Torch, NumPy and random start
from the same seed for every such run, so a file gets the same verdict on the
same variant (an unseeded initialisation made a correct style pass or fail by
luck). The labels come back as float32:
under a checker the comparison with the reference's run leaves float values
to the checker, where integer outputs would have to equal the reference's.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dltutor.codecheck.forms.module import ModuleCase
from dltutor.codecheck.inputs import ARRAY, Case, _is_arrays, _value, rng_for
from dltutor.codecheck.spec import Exercise
from dltutor.errors import BankError

ENTRY = "__dltutor_train__"
TRAIN_ADAPTER = """
def __dltutor_train__(*arrays, __fn__, __sizes__, __inputs__, __layout__=None, **kwargs):
    import torch
    target = globals()[__fn__.split(".")[0]]
    for part in __fn__.split(".")[1:]:
        target = getattr(target, part)
    if __sizes__ is None:  # the learner builds and trains a model; it predicts the rest
        import random, numpy
        saved = random.getstate(), numpy.random.get_state()
        with torch.random.fork_rng(devices=[]):  # the same start every run: a verdict repeats
            torch.manual_seed(0), random.seed(0), numpy.random.seed(0)
            try:
                model = target(*arrays[:__inputs__], **kwargs)
            finally:
                random.setstate(saved[0]), numpy.random.set_state(saved[1])
        if not isinstance(model, torch.nn.Module):
            raise TypeError(f"{__fn__.split('.')[-1]} must return the trained nn.Module")
        model.eval()
        with torch.no_grad():  # labels as floats: their values are the checker's alone
            return (model(*arrays[__inputs__:]).argmax(dim=-1).to(torch.float32),)
    layers = []
    for a, b in zip(__sizes__[:-1], __sizes__[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
    inputs, start = arrays[:__inputs__], arrays[__inputs__:]
    model = torch.nn.Sequential(*layers[:-1]).to(start[0].dtype)
    with torch.no_grad():
        for parameter, value in zip(model.parameters(), start):
            parameter.copy_(value)
    target(model, *inputs, **kwargs)
    return tuple(p.detach().clone() for p in model.parameters())
"""
ADAPTER_LINE = f"\nexec(compile({TRAIN_ADAPTER!r}, '<dltutor>', 'exec'))\n"


def training_cases(exercise: Exercise, seed: int) -> list[Case] | None:
    """The YAML's cases (a model the tutor builds), or None: a generator's
    (held_out_case below), for a function that builds its own model."""
    if not isinstance(exercise.cases, list):
        return None
    rng = rng_for(exercise.id, seed)
    return [_case(spec, exercise, rng) for spec in exercise.cases]


def _case(spec: dict[str, Any], exercise: Exercise, rng: np.random.Generator) -> ModuleCase:
    sizes = [int(n) for n in spec.get("model") or []]
    if len(sizes) < 2:
        raise BankError(f"{exercise.id}: each case gives `model`, the layer sizes")
    params = [p.name for p in exercise.params][1:]  # after `model`
    unknown = set(spec) - set(params) - {"model", "note"}
    if unknown:
        raise BankError(
            f"{exercise.id}: a case names {sorted(unknown)}, which {exercise.signature} does not take"
        )
    values = {n: _value(spec[n], rng, exercise.id) for n in params if n in spec}
    names = [n for n in params if n in values and _is_arrays(values[n])]
    data = [values.pop(n) for n in names]
    dtype = data[0].dtype if data else np.dtype("float32")
    start = _start(sizes, dtype, rng)
    kwargs = {**values, "__sizes__": sizes, "__inputs__": len(data)}
    layers = ", Tanh, ".join(f"Linear({a}, {b})" for a, b in itertools.pairwise(sizes))
    return ModuleCase(
        tuple(data) + tuple(start.values()),
        (ARRAY,) * (len(data) + len(start)),
        tuple(names) + tuple(start),
        kwargs,
        str(spec.get("note", "")),
        False,
        title=f"model Sequential({layers})",
        inputs=len(data),
        state_names=tuple(start),
    )


def _start(sizes: list[int], dtype: np.dtype, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """nn.Linear's initialisation, U(-1/sqrt(in), 1/sqrt(in)), drawn by the tutor."""
    start = {}
    for i, (a, b) in enumerate(itertools.pairwise(sizes)):
        bound = 1 / np.sqrt(a)
        start[f"{2 * i}.weight"] = rng.uniform(-bound, bound, (b, a)).astype(dtype)
        start[f"{2 * i}.bias"] = rng.uniform(-bound, bound, (b,)).astype(dtype)
    return start


def trusted_entry(path: Any, name: str) -> Callable[..., Any]:
    from dltutor.codecheck.trusted import load_module

    namespace = dict(load_module(path).__dict__)
    exec(compile(TRAIN_ADAPTER, "<dltutor>", "exec"), namespace)
    return one_thread(functools.partial(namespace[ENTRY], __fn__=name))


def one_thread(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run a trusted training run as the sandbox child runs the learner's: on
    one intra-op thread. Hundreds of tiny steps on two threads crawl on a
    loaded 2-core machine (fit_spirals' reference: 65 s instead of 1.3 s at
    load 10, the threads waiting on each other), and the sandbox waiting for
    the job would outlive its start window."""

    def call(*args: Any, **kwargs: Any) -> Any:
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return function(*args, **kwargs)
        finally:
            torch.set_num_threads(before)

    return call


@dataclass(frozen=True)
class HeldOutCase(ModuleCase):
    """Training data, then test inputs the trained model must label; the
    test labels stay in the tutor (`held`) for the checker."""

    held: tuple[np.ndarray, ...] = ()


def held_out_case(
    train: tuple[np.ndarray, ...],
    test: np.ndarray,
    labels: np.ndarray,
    names: tuple[str, ...],
    title: str,
    note: str = "",
) -> HeldOutCase:
    """A case for a `form: training` generator: the learner's function is
    called with `train` and returns a model, which predicts `test`."""
    return HeldOutCase(
        (*train, test),
        (ARRAY,) * (len(train) + 1),
        (*names, "test points"),
        {"__sizes__": None, "__inputs__": len(train)},
        note,
        False,
        title=title,
        inputs=len(train),
        held=(labels,),
    )
