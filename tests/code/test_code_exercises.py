"""The twenty exercises: where they live, that each reference is right (it
agrees with PyTorch, and grades correct in the sandbox), and that every
wrong solution is caught with its own mistake."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.codecheck import batch
from dltutor.codecheck.inputs import build_cases
from dltutor.codecheck.prepare import prepare
from dltutor.codecheck.spec import exercise
from dltutor.codecheck.trusted import function_in, run_case
from tests.code.torch_twins import TWINS

BOOKS = Catalogue([builtin_bank()])
TOPICS = {
    "activations": ["relu", "sigmoid"],
    "losses-information": ["softmax", "log_softmax", "cross_entropy", "mse_loss"],
    "linear-algebra": ["linear"],
    "regularization": ["layer_norm", "batch_norm", "dropout"],
    "convolution": ["conv2d", "max_pool2d"],
    "attention-transformers": ["attention", "positional_encoding"],
    "recurrent": ["rnn_cell", "lstm_cell", "gru_cell"],
    "optimizers": ["sgd_momentum", "adam"],
    "gradient-flow": ["clip_grad_norm"],
}
IDS = [f"code.{name}" for names in TOPICS.values() for name in names]
SIGNATURES = {  # CURRICULUM.md: fixed; people and scripts refer to them
    "code.softmax": "softmax(x, dim=-1)",
    "code.attention": "scaled_dot_product_attention(q, k, v, mask=None)",
    "code.lstm_cell": "lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)",
    "code.adam": "adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)",
    "code.sgd_momentum": "sgd_momentum_step(param, grad, buf, lr, momentum)",
    "code.clip_grad_norm": "clip_grad_norm(grads, max_norm)",
}


@pytest.fixture(scope="module")
def all_checked():
    batch.prefetch([BOOKS.question(qid) for qid in IDS])  # two sandboxes at a time


def test_the_twenty_exercises_are_in_their_topics():
    for topic, names in TOPICS.items():
        found = {q.id for q in BOOKS.questions(topic) if q.kind == "code"}
        assert found == {f"code.{n}" for n in names}, topic
    for qid, signature in SIGNATURES.items():
        assert BOOKS.question(qid).extra["signature"] == signature


@pytest.mark.parametrize("qid", IDS)
def test_each_exercise_is_complete(qid):
    question = BOOKS.question(qid)
    spec = exercise(question)
    assert len(question.wrong) >= 2 and question.hints and question.explanation.strip()
    assert len({w.mistake for w in question.wrong}) == len(question.wrong)
    starter = spec.starter.read_text()
    assert f"def {spec.function}(" in starter and "NotImplementedError" in starter
    assert len(build_cases(spec, 0)) >= 3


@pytest.mark.parametrize("qid", IDS)
def test_reference_passes_and_every_wrong_solution_is_caught(qid, all_checked):
    """`bank validate` for one exercise: all its files run in the sandbox."""
    assert batch.code_problems(BOOKS.question(qid)) == []


@pytest.mark.parametrize("qid", [q for q in IDS if q != "code.dropout"])
def test_reference_agrees_with_pytorch(qid):
    spec = exercise(BOOKS.question(qid))
    reference, twin = function_in(spec.reference, spec.function), TWINS[qid]
    prepared = prepare(spec, seed=3)
    for job in prepared.jobs:
        case = prepared.cases[job.case]
        mine, torch_says = run_case(reference, case, job.weights), run_case(twin, case, job.weights)
        assert torch_says.error is None, torch_says.error
        for a, b in zip(mine.outputs, torch_says.outputs):
            assert a.dtype == b.dtype and a.shape == b.shape, (qid, case.note)
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5, err_msg=f"{qid} {case}")
        for a, b in zip(mine.grads or [], torch_says.grads or []):
            if a is not None or b is not None:
                np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-4, err_msg=f"{qid} grad")


def test_dropout_reference_behaves_like_pytorch_dropout():
    spec = exercise(BOOKS.question("code.dropout"))
    reference = function_in(spec.reference, "dropout")
    import torch
    x = torch.randn(400, 500)
    out = reference(x, p=0.3)
    kept = out != 0
    assert abs(kept.float().mean().item() - 0.7) < 0.01
    torch.testing.assert_close(out[kept], x[kept] / 0.7)
    assert torch.equal(reference(x, 0.3, training=False), x)
    assert torch.equal(torch.nn.functional.dropout(x, 0.3, training=False), x)


def test_wrong_solutions_name_the_case_that_exposes_them():
    """The feedback of a known mistake carries the failing case and its evidence."""
    question = BOOKS.question("code.softmax")
    verdicts = batch.check_files(question, 1)  # named: its case 2 overflows a naive exp
    naive = verdicts[1 + [w.mistake for w in question.wrong].index("naive-exp-overflow")]
    assert "large logits" in naive.feedback and "nan" in naive.feedback
    assert naive.evidence["failing_case"]["number"] == 2
