"""`form: module`: the answer is an nn.Module class (DESIGN §5).

YAML: `signature` is the constructor's (`BasicBlock(in_ch, out_ch, stride=1)`)
and `forward` the forward's (`forward(x, mask=None)`). Each case gives
`init` (the constructor's keyword arguments), the forward's arrays as a
function case gives them (positional, in order), other forward keywords
(`causal: true`) and `mode` (train, the default, or eval).

`also: vae_loss(logits, x, mu, logvar)` grades a function next to the class
in the same calls: the adapter calls it on the forward's inputs and outputs,
bound by name (the forward's parameters, and `outputs`' names of what the
forward returns), and appends what it returns to the outputs. Its value and
its gradient (through the forward's parameters) are compared like theirs.

The tutor builds the reference with `init`, takes its state dict and
redraws every floating entry (so the learner's own initialisation never
matters and a swapped weight and bias shows), and sends the state as named
arrays after the forward's inputs: raw arrays, never a pickle. In the
sandbox, MODULE_ADAPTER builds the learner's class with the same `init`,
checks the parameter names and shapes against the reference's (a missing,
extra or misshapen parameter is an error that names it) and runs forward
through `torch.func.functional_call` with the sent tensors in place of its
own. The sandbox's gradient with respect to each sent parameter is then that
parameter's gradient, compared by name. The tutor runs the reference
through the same adapter text, so both sides are built alike. A value
call's forward inputs are probed as a function's arguments are (probe.py):
a forward that writes into its input (`x += ...`, `relu_(x)`) or returns it
is caught from the data that comes back.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.codecheck.forms.also import also_call
from dltutor.codecheck.inputs import ARRAY, Case, _array_text, _is_arrays, _value, rng_for
from dltutor.codecheck.spec import Exercise
from dltutor.errors import BankError

ENTRY = "__dltutor_module__"
MODES = ("train", "eval")
CASE_KEYS = {"init", "mode", "note", "grad"}
MODULE_ADAPTER = """
def __dltutor_module__(*arrays, __fn__, __names__, __kinds__, __mode__, __inputs__,
                       __layout__=None, __probe__=None, __also__=None, __also_args__=(),
                       __returns__=0, **kwargs):
    import torch
    target = globals()[__fn__.split(".")[0]]
    for part in __fn__.split(".")[1:]:
        target = getattr(target, part)
    init = {k[6:]: v for k, v in kwargs.items() if k.startswith("init__")}
    forward_kwargs = {k: v for k, v in kwargs.items() if not k.startswith("init__")}
    torch.manual_seed(0)
    module = target(**init)
    if not isinstance(module, torch.nn.Module):
        raise TypeError(f"{__fn__.split('.')[-1]}(...) is not an nn.Module")
    inputs, sent = arrays[:__inputs__], arrays[__inputs__:]
    own = module.state_dict()
    fixed = ", ".join(n for n, k in zip(__names__, __kinds__) if k == "parameter")
    for name, kind, value in zip(__names__, __kinds__, sent):
        if name not in own:
            raise AttributeError(f"your module has no {kind} '{name}'; the exercise "
                                 f"fixes the parameter names: {fixed}")
        if tuple(own[name].shape) != tuple(value.shape):
            raise ValueError(f"{kind} '{name}' has shape {tuple(own[name].shape)}; "
                             f"expected {tuple(value.shape)}")
    extra = sorted(set(dict(module.named_parameters())) - set(__names__))
    if extra:
        raise AttributeError(f"your module has a parameter '{extra[0]}' that the exercise "
                             f"does not have; it has: {fixed}")
    # buffers are updated in place by a training forward: never the caller's
    state = {name: value if kind == "parameter" else value.detach().clone()
             for name, kind, value in zip(__names__, __kinds__, sent)}
    module.train(__mode__ == "train")

    def forward():
        result = torch.func.functional_call(module, state, tuple(inputs), forward_kwargs)
        if __also__ is not None:  # forms/also.py: its args are "input:0", "output:1", ...
            path = __fn__.split(".")[:-1] + [__also__]  # _m0.VAE -> _m0.vae_loss
            also = globals()[path[0]]
            for part in path[1:]:
                also = getattr(also, part)
            given = {"input": list(inputs), "output": __dltutor_flat__(result)}
            if len(given["output"]) != __returns__:
                raise ValueError(f"forward returned {len(given['output'])} value(s); the "
                                 f"exercise asks for {__returns__}")
            args = [given[a.split(":")[0]][int(a.split(":")[1])] for a in __also_args__]
            result = (*given["output"], also(*args))
        return tuple(__dltutor_flat__(result))
    # the forward's inputs probed as a function's are (probe.py): changed, or returned
    return __dltutor_probe__(forward, list(inputs), __probe__, False)


def __dltutor_flat__(result):
    flat, stack = [], [result]
    while stack:  # (output, (h_n, c_n)) -> output, h_n, c_n
        item = stack.pop(0)
        if isinstance(item, (tuple, list)):
            stack = list(item) + stack
        else:
            flat.append(item)
    return flat
"""
ADAPTER_LINE = f"\nexec(compile({MODULE_ADAPTER!r}, '<dltutor>', 'exec'))\n"


@dataclass(frozen=True)
class ModuleCase(Case):
    """A case whose trailing arrays are the module's state, by name (built
    with keywords past Case's own fields, which may grow)."""

    title: str = ""  # `BasicBlock(in_ch=4, out_ch=8, stride=2), eval mode`
    inputs: int = 0  # how many leading arrays are the forward's
    state_names: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        shown = [f"{n} {_array_text(a)}" for n, a in zip(self.names, self.arrays[: self.inputs])]
        extra = {k: v for k, v in self.kwargs.items() if not k.startswith("_") and not k.startswith("init__")}
        text = f"{self.title}; " + ", ".join(shown)
        text += "".join(f", {k}={v!r}" for k, v in extra.items())
        return text + (f" ({self.note})" if self.note else "")


def module_cases(exercise: Exercise, seed: int) -> list[Case]:
    if not isinstance(exercise.cases, list):
        raise BankError(f"{exercise.id}: a module exercise lists its cases in the YAML")
    reference = _reference_class(exercise.reference, exercise.function)
    forward = forward_params(exercise)
    rng = rng_for(exercise.id, seed)
    return [_case(spec, exercise, forward, reference, rng, seed + i) for i, spec in enumerate(exercise.cases)]


def forward_params(exercise: Exercise) -> list[str]:
    text = exercise.forward or "forward(x)"
    try:
        node = ast.parse(f"def {text.strip()}: pass").body[0]
        assert isinstance(node, ast.FunctionDef)
    except (SyntaxError, AssertionError):
        raise BankError(f"{exercise.id}: forward must look like `forward(x, mask=None)`") from None
    return [a.arg for a in node.args.args if a.arg != "self"]


def _case(
    spec: dict[str, Any],
    exercise: Exercise,
    forward: list[str],
    reference: type,
    rng: np.random.Generator,
    seed: int,
) -> ModuleCase:
    unknown = set(spec) - set(forward) - CASE_KEYS
    if unknown:
        raise BankError(
            f"{exercise.id}: a case names {sorted(unknown)}, which neither "
            f"the case nor {exercise.forward} takes"
        )
    init, mode = dict(spec.get("init") or {}), str(spec.get("mode", "train"))
    if mode not in MODES:
        raise BankError(f"{exercise.id}: mode is train or eval, not {mode!r}")
    values = {name: _value(spec[name], rng, exercise.id) for name in forward if name in spec}
    names = [n for n in forward if n in values and _is_arrays(values[n])]
    inputs = [values.pop(n) for n in names]
    dtype = next((a.dtype for a in inputs if a.dtype.kind == "f"), np.dtype("float32"))
    state, kinds = _state(reference, init, dtype, rng, seed)
    kwargs = {
        **values,
        **{f"init__{k}": v for k, v in init.items()},
        "__names__": list(state),
        "__kinds__": kinds,
        "__mode__": mode,
        "__inputs__": len(inputs),
    }
    title = f"{exercise.function}({', '.join(f'{k}={v!r}' for k, v in init.items())}), {mode} mode"
    if exercise.also:
        kwargs.update(also_call(exercise, forward, names))
        title += f", then {exercise.also}"
    return ModuleCase(
        tuple(inputs) + tuple(state.values()),
        (ARRAY,) * (len(inputs) + len(state)),
        tuple(names) + tuple(state),
        kwargs,
        str(spec.get("note", "")),
        bool(spec.get("grad", True)),
        title=title,
        inputs=len(inputs),
        state_names=tuple(state),
    )


def _state(
    reference: type, init: dict[str, Any], dtype: np.dtype, rng: np.random.Generator, seed: int
) -> tuple[dict[str, np.ndarray], list[str]]:
    """The reference's state dict, every floating entry redrawn around its init."""
    import torch

    torch.manual_seed(seed)
    module = reference(**init)
    parameters = dict(module.named_parameters())
    state, kinds = {}, []
    for name, tensor in module.state_dict().items():
        array = tensor.detach().numpy().copy()
        if array.dtype.kind == "f":
            array = _redraw(name, array, rng).astype(dtype)
        state[name] = np.array(array, copy=True, order="C")  # 0-d stays 0-d
        kinds.append("parameter" if name in parameters else "buffer")
    return state, kinds


def _redraw(name: str, array: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if name.endswith("running_var"):  # a variance: positive, away from zero
        return rng.uniform(0.5, 2.0, array.shape)
    spread = float(array.std()) if array.size > 1 and array.std() > 0 else 0.5
    return array + rng.standard_normal(array.shape) * spread * 0.5


def _reference_class(path: Path, name: str) -> type:
    from dltutor.codecheck.trusted import load_module

    found = getattr(load_module(path), name, None)
    if not isinstance(found, type):
        raise BankError(f"{path} defines no class {name}")
    return found


def trusted_entry(path: Path, name: str) -> Callable[..., Any]:
    """The adapter bound to a trusted file's class, as the sandbox builds the learner's."""
    from dltutor.codecheck.probe import ADAPTER
    from dltutor.codecheck.trusted import load_module

    namespace = dict(load_module(path).__dict__)
    _reference_class(path, name)
    exec(compile(ADAPTER + MODULE_ADAPTER, "<dltutor>", "exec"), namespace)
    return functools.partial(namespace[ENTRY], __fn__=name)
