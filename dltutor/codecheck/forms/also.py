"""`also:` a function graded next to a module exercise's class (DESIGN §5).

    also: vae_loss(logits, x, mu, logvar)
    outputs: [logits, mu, logvar, loss]

The learner's file defines the class and this function. In every call the
module adapter (module.py) runs the forward, then calls the function on the
forward's inputs and outputs, bound by name: a parameter of `forward`, or a
name in `outputs` (the forward's outputs in order, then one name for what
the function returns). Its result is appended to the outputs, so its value,
and its gradient through the class's parameters, are compared like theirs,
and a wrong file whose only slip is in the function is named by it.
"""

from __future__ import annotations

import ast
from typing import Any

from dltutor.codecheck.spec import Exercise
from dltutor.errors import BankError


def also_call(exercise: Exercise, forward: list[str], forward_names: list[str]) -> dict[str, Any]:
    """The adapter's keywords to call `also` (`__also__` its name,
    `__also_args__` "input:i" or "output:i" per argument, `__returns__` how
    many outputs the forward must return): each argument is one of the
    forward's parameters (`forward`; `forward_names` are the arrays a case
    sends, in order; empty: only the names are checked) or one of its
    outputs, named by `outputs` (whose last name is what `also` returns)."""
    text, returned = str(exercise.also), list(exercise.outputs[:-1])
    try:
        node = ast.parse(f"def {text.strip()}: pass").body[0]
        assert isinstance(node, ast.FunctionDef) and not node.args.defaults
    except (SyntaxError, AssertionError):
        raise BankError(f"{exercise.id}: also must look like `vae_loss(logits, x)`") from None
    args = []
    for arg in (a.arg for a in node.args.args):
        if arg in returned:
            args.append(f"output:{returned.index(arg)}")
        elif arg in forward:
            if forward_names and arg not in forward_names:
                raise BankError(f"{exercise.id}: a case gives no array {arg} for {text}")
            args.append(f"input:{forward_names.index(arg) if forward_names else 0}")
        else:
            raise BankError(
                f"{exercise.id}: {text} takes {arg}, which is neither a parameter "
                f"of {exercise.forward} nor a name in outputs "
                f"(the forward's outputs, then what {node.name} returns)"
            )
    return {"__also__": node.name, "__also_args__": args, "__returns__": len(returned)}
