"""Tables at 60 columns drop and shorten columns instead of cutting cells to "…",
and piped tables end no line in spaces."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from dltutor.bank.catalogue import Catalogue, builtin_bank


def _answer_some(cli) -> None:
    cli("quiz", "--id", "bayes.posterior-variance-expression", "--answer", "0")
    cli("quiz", "--id", "det.iou-shift-threshold", "--answer", "0.5")


def _fits(text: str, width: int) -> None:
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert "…" not in text
    assert not [line for line in lines if line.endswith(" ")]


@pytest.mark.parametrize("width", [60, 80])
def test_progress_keeps_every_topic_name_whole(cli, columns, width):
    _answer_some(cli)
    columns(width)
    out = cli("progress").stdout
    _fits(out, width)
    for topic in Catalogue([builtin_bank()]).topic_ids:
        assert f" {topic}" in out, topic
    assert "bayes.posterior-variance-expression" in out  # the recent answers keep ids whole


@pytest.mark.parametrize("width", [60, 80])
def test_a_topic_s_progress_keeps_every_question_id_whole(cli, columns, width):
    _answer_some(cli)
    columns(width)
    out = cli("progress", "bayesian").stdout
    _fits(out, width)
    for entry in Catalogue([builtin_bank()]).entries("bayesian"):
        assert f" {entry.id} " in out, entry.id


def test_bank_list_at_60_columns_drops_the_topic_column(cli, columns):
    columns(60)
    out = cli("bank", "list").stdout
    _fits(out, 60)
    assert "code.softmax_cross_entropy_backward" in out and "topic" not in out.splitlines()[1]
