"""The edge battery, the probe and secret seeds (issue 9 §3, issue 10 #3, #5).

Correct solutions in other styles (tests/fixtures/code/good/) all pass with
the battery on; the bug classes the issue lists fail (as `wrong_*.py` files
of the exercises, which `bank validate` and test_code_exercises check, and
as the files below); judgements such as "changed its input" are made from
the data; inputs come from a fresh secret seed, so a lookup of outputs
computed in advance fails. Every seed used here is named.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.bank.variants import make_variant
from dltutor.codecheck import inputs
from dltutor.codecheck.batch import BATCH_LIMITS, bundle
from dltutor.codecheck.prepare import prepare
from dltutor.codecheck.runner import Parsed
from dltutor.codecheck.spec import exercise
from dltutor.codecheck.verdicts import judge
from dltutor.sandbox import WarmSandbox
from tests.code.test_code_exercises import IDS

BOOKS = Catalogue([builtin_bank()])
GOOD = Path(__file__).parents[1] / "fixtures" / "code" / "good"
SEEDS = {"code.dropout": 20261205}  # any named seed: a correct dropout passes all


def graded(qid: str, files: list[Path], seed: int) -> dict[str, object]:
    """Each file's verdict on one named seed, all files in one sandbox."""
    question = BOOKS.question(qid)
    spec, variant = exercise(question), make_variant(question, 0)
    parsed = [(i, Parsed(path.read_text(), path.name, spec.function, 1)) for i, path in enumerate(files)]
    with WarmSandbox(BATCH_LIMITS) as box:
        prepared = prepare(spec, seed, secret=True)
        calls = [call for i, _ in parsed for call in prepared.calls(f"_m{i}.{spec.function}")]
        result = box.run(bundle(parsed), calls, forbidden=list(spec.forbid), filename="<good>")
    assert result.status == "ok", result.message
    size = len(prepared.jobs)
    return {
        path.name: judge(prepared, variant, path.name, result.cases[n * size : (n + 1) * size])
        for n, path in enumerate(files)
    }


@pytest.mark.parametrize("qid", IDS)
def test_correct_solutions_in_other_styles_pass_the_battery(qid):
    files = sorted((GOOD / qid.split(".", 1)[1]).glob("*.py"))
    assert len(files) >= 3
    for name, verdict in graded(qid, files, SEEDS.get(qid, 4242)).items():
        assert verdict.correct, f"{qid} {name}: {verdict.feedback}"


def test_every_exercise_gets_zeros_and_noncontiguous_cases():
    for qid in IDS:
        cases = inputs.build_cases(exercise(BOOKS.question(qid)), 7)
        edges = {case.edge for case in cases}
        if qid != "code.positional_encoding":  # no array arguments
            assert {"zeros", "noncontiguous"} <= edges, qid
        zeros = next((c for c in cases if c.edge == "zeros"), None)
        if zeros is not None:
            floats = [a for a in zeros.arrays if a.dtype.kind == "f"]
            assert any((a == 0).any() and np.signbit(a[a == 0]).any() for a in floats), qid


def test_a_slice_of_other_magnitude_is_in_the_normalisation_cases():
    cases = inputs.build_cases(exercise(BOOKS.question("code.layer_norm")), 7)
    spread = next(c for c in cases if c.edge == "spread")
    x = spread.arrays[0]
    means = x.reshape(-1, x.shape[-1]).mean(axis=1)
    assert means.max() > 5e4 and abs(means).min() < 10 and x.dtype == np.float64


def test_each_check_draws_a_fresh_secret_seed(monkeypatch):
    monkeypatch.setattr(inputs, "SEED_OVERRIDE", None)  # as for a learner
    assert inputs.draw_seed() != inputs.draw_seed()
    monkeypatch.setattr(inputs, "SEED_OVERRIDE", 5)
    assert inputs.draw_seed() == 5
    spec = exercise(BOOKS.question("code.softmax"))
    one, two = inputs.build_cases(spec, 1), inputs.build_cases(spec, 2)
    assert not np.array_equal(one[0].arrays[0], two[0].arrays[0])


LOOKUP = """
import torch

KNOWN = {known!r}


def sgd_momentum_step(param, grad, buf, lr, momentum):
    new_param, new_buf = KNOWN.get(tuple(round(v, 5) for v in param.reshape(-1).tolist()),
                                   (param.tolist(), param.tolist()))
    return torch.tensor(new_param, dtype=param.dtype), torch.tensor(new_buf, dtype=param.dtype)
"""


def lookup_file(seed: int) -> str:
    """A file that returns the reference's outputs for the inputs of `seed`."""
    prepared = prepare(exercise(BOOKS.question("code.sgd_momentum")), seed)
    known = {}
    for job, outcome in zip(prepared.jobs, prepared.expected):
        param = prepared.cases[job.case].arrays[0]
        known[tuple(round(v, 5) for v in param.reshape(-1).tolist())] = tuple(
            o.tolist() for o in outcome.outputs
        )
    return LOOKUP.format(known=known)


def test_outputs_looked_up_for_known_inputs_fail_a_secret_seed(cli, solution, monkeypatch):
    """Made for seed 0 (the fixed seed of old); checked on the named seed 1,
    as on any seed the file's author could not know."""
    path = solution(lookup_file(0))
    monkeypatch.setattr(inputs, "SEED_OVERRIDE", 1)  # named: a secret seed would make it flaky
    code, data = cli.json("quiz", "--id", "code.sgd_momentum", "--answer-file", path)
    assert code == 1 and data["verdict"] == "incorrect", data
    monkeypatch.setattr(inputs, "SEED_OVERRIDE", 0)  # the inputs it was made for: it passes
    code, data = cli.json("quiz", "--id", "code.sgd_momentum", "--answer-file", path)
    assert code == 0, data["feedback"]


DETACHED_RELU = """
def relu(x):
    y = x.data.clone()
    y[y < 0] = 0
    return y
"""
INPLACE_RELU = """
def relu(x):
    x[x < 0] = 0
    return x
"""
BUFFER_IS_GRAD = """
def sgd_momentum_step(param, grad, buf, lr, momentum):
    if buf is None:
        buf = grad.view(grad.shape)
    else:
        buf = momentum * buf + grad
    return param - lr * buf, buf
"""
STATEFUL_LINEAR = """
CALLS = []

def linear(x, weight, bias=None):
    CALLS.append(1)
    y = x @ weight.T + (0 if bias is None else bias)
    return y * len(CALLS) / len(CALLS) if len(CALLS) % 2 else y + 1e-3
"""


def test_a_detaching_relu_is_told_what_it_did_not_that_it_writes_zeros(cli, solution):
    code, data = cli.json("quiz", "--id", "code.relu", "--answer-file", solution(DETACHED_RELU))
    assert code == 1 and data["mistake"] is None
    assert "caller's tensor" not in data["feedback"] and "autograd" in data["feedback"]


def test_an_inplace_relu_is_caught_from_the_data(cli, solution):
    code, data = cli.json("quiz", "--id", "code.relu", "--answer-file", solution(INPLACE_RELU))
    assert code == 1 and data["mistake"] == "modifies-input"
    assert "the input x is not what was passed in" in data["feedback"]
    assert data["failing_case"]["mutated_input"] == "x"


def test_state_that_is_an_input_itself_fails(cli, solution):
    code, data = cli.json("quiz", "--id", "code.sgd_momentum", "--answer-file", solution(BUFFER_IS_GRAD))
    assert code == 1 and data["mistake"] == "buffer-is-grad"
    assert "output 1 of 2 shares its memory with the input grad" in data["feedback"]


def test_a_function_with_state_between_calls_fails(cli, solution):
    code, data = cli.json("quiz", "--id", "code.linear", "--answer-file", solution(STATEFUL_LINEAR))
    assert code == 1 and "called a second time on the same inputs" in data["feedback"]


def dropout_check():
    from dltutor.codecheck.trusted import load_module

    return load_module(exercise(BOOKS.question("code.dropout")).check).check


@pytest.mark.parametrize("seed", range(30))  # named seeds 0..29
def test_the_dropout_statistics_pass_a_correct_mask_and_catch_shared_ones(seed):
    check, rng = dropout_check(), np.random.default_rng(seed)
    x = rng.standard_normal((200, 300)).astype(np.float32)
    case = inputs.Case((x,), (inputs.ARRAY,), ("x",), {"p": 0.3})

    def dropped(keep):
        return [np.where(keep, x / np.float32(0.7), np.float32(0))]

    fresh = lambda: rng.random(x.shape) >= 0.3  # noqa: E731
    assert check(case, dropped(fresh()), dropped(fresh())) is None
    shared_rows = np.broadcast_to(rng.random(x.shape[1]) >= 0.3, x.shape)
    assert check(case, dropped(shared_rows), dropped(fresh()))[1] == "shared-mask"
    same = fresh()
    assert check(case, dropped(same), dropped(same))[1] == "same-mask-every-call"
