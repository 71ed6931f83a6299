"""The example notebook runs top to bottom under a real Jupyter kernel
(nbclient + ipykernel), and its outputs are the verdicts a learner should see:
rendered Markdown/LaTeX, a right answer graded right, a wrong one wrong with
its feedback, a notebook-defined function and autograd.Function checked."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parents[2] / "examples" / "activations.ipynb"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """Each code cell's rich output (MIME type -> text), in order."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:  # the kernel inherits these
        patch.setenv("DLTUTOR_HOME", str(tmp_path_factory.mktemp("home")))
        patch.setenv("DLTUTOR_CACHE", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("DLTUTOR_BANKS", raising=False)
        NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    return [
        next((o.get("data", {}) for o in cell.outputs if o.output_type == "execute_result"), {})
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def test_every_cell_ran_without_an_error(outputs):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert len(outputs) == sum(cell.cell_type == "code" for cell in notebook.cells)


def test_the_question_renders_as_markdown_with_its_choices(outputs):
    assert "**a)** (0, 1)" in outputs[1]["text/markdown"]
    assert "limits" in outputs[2]["text/plain"]  # the first hint


def test_right_answers_are_graded_right_and_wrong_ones_wrong_with_feedback(outputs):
    assert outputs[3]["text/markdown"].startswith("**✓ Correct**")
    assert outputs[4]["text/markdown"].startswith("**✓ Correct**")
    wrong = outputs[5]["text/markdown"]
    assert wrong.startswith("**✗ Not quite**") and "That is σ itself" in wrong


def test_a_derivation_renders_as_latex(outputs):
    assert outputs[6]["text/markdown"].startswith("**✓ Correct**")
    assert r"\frac{\partial f}{\partial x}" in outputs[7]["text/latex"]


def test_notebook_code_is_graded_in_the_sandbox(outputs):
    assert "All" in outputs[8]["text/markdown"] and "**✓ Correct**" in outputs[8]["text/markdown"]
    naive = outputs[9]["text/markdown"]
    assert naive.startswith("**✗ Not quite**") and "nan" in naive
    assert "matches the finite differences" in outputs[10]["text/markdown"]
