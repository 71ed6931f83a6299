"""The twenty function exercises: where they live, that each reference is right (it
agrees with PyTorch, and grades correct in the sandbox), and that every
wrong solution is caught with its own mistake."""

from __future__ import annotations

import pytest

from dltutor.codecheck import batch
from dltutor.codecheck.inputs import build_cases
from dltutor.codecheck.spec import exercise
from dltutor.codecheck.trusted import function_in
from tests.code.curriculum import FUNCTIONS, SIGNATURES, by_topic, ids
from tests.code.torch_twins import TWINS
from tests.code.twins import BOOKS, assert_agrees, assert_bank_checks, checked_in_background

IDS = ids(FUNCTIONS)
all_checked = checked_in_background(IDS)


def test_every_code_exercise_is_in_its_topic():
    for topic, wanted in by_topic().items():
        found = {q.id for q in BOOKS.questions(topic) if q.kind == "code"}
        assert found == wanted, topic
    for qid, signature in SIGNATURES.items():
        assert BOOKS.question(qid).extra["signature"] == signature


@pytest.mark.parametrize("qid", IDS)
def test_each_exercise_is_complete(qid):
    question = BOOKS.question(qid)
    spec = exercise(question)
    assert question.hints and question.explanation.strip()
    starter = spec.starter.read_text()
    assert f"def {spec.function}(" in starter and "NotImplementedError" in starter
    assert len(build_cases(spec, 0)) >= 3


@pytest.mark.parametrize("qid", IDS)
def test_reference_passes_and_every_wrong_solution_is_caught(qid, all_checked):
    """`bank validate` for one exercise: all its files run in the sandbox."""
    assert_bank_checks(qid)


@pytest.mark.parametrize("qid", [q for q in IDS if q != "code.dropout"])
def test_reference_agrees_with_pytorch(qid):
    spec = exercise(BOOKS.question(qid))
    assert_agrees(spec, function_in(spec.reference, spec.function), TWINS[qid])


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
