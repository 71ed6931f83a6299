"""Tables at 60 columns drop and shorten columns instead of cutting cells to "…",
and piped tables end no line in spaces."""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from rich.cells import cell_len
from rich.console import Console

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.progress.cards import Card
from dltutor.progress.summary import TopicSummary
from dltutor.render import progress as view
from dltutor.render import tables


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


@pytest.mark.parametrize("width", [40, 60, 79, 80, 99, 100, 140])
def test_measured_tables_look_as_rich_would_draw_them(monkeypatch, width):
    """render/tables.py `sized` measures the progress tables' and the course
    map's columns itself (a big course is slow to measure cell by cell); Rich
    must draw the same."""
    rng, now = random.Random(11), datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    names = ["t", "linear-algebra", "a-much-longer-topic-name-than-usual", "détection-ü", "attention"]

    def card(name: str, i: int) -> Card | None:
        due = now + timedelta(days=i)
        return (
            Card(f"{name}.q{i}", name, 2, None, rng.uniform(0, 30), 5.0, due, now, i, i % 9)
            if i % 4
            else None
        )

    topics = [
        TopicSummary(
            name, 6, rng.randint(0, 6), rng.randint(0, 900), rng.randint(0, 9), rng.random(), False, 3
        )
        for name in names
    ]
    topics[2] = TopicSummary(names[2], 6, questions={f"{names[2]}.q{i}": card(names[2], i) for i in range(6)})

    books = Catalogue([builtin_bank()])
    mastery = {topic: rng.random() for topic in books.topic_ids[::2]}
    lessons = {topic: SimpleNamespace(state="in progress") for topic in books.topic_ids[::3]}

    def drawn() -> str:
        console = Console(width=width, record=True, color_system=None, file=io.StringIO())
        console.print(view.mastery_table(topics, names[1], width))
        console.print(view.questions_table(topics[2], now, width))
        console.print(tables.topics_table(books, mastery, lessons, width))
        return console.export_text()

    measured = drawn()
    monkeypatch.setattr(view, "sized", lambda table: table)
    monkeypatch.setattr(tables, "sized", lambda table: table)
    assert measured == drawn()
