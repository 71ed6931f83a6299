"""`dltutor progress export / import / reset`: moving progress, merging it, starting over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dltutor.progress.store import DB_NAME
from tests.cli.learner import on_day, only_bank
from tests.conftest import GOOD


@pytest.fixture(autouse=True)
def good_bank_only(monkeypatch):
    only_bank(monkeypatch, GOOD)


def _answer(cli, qid: str, answer: str) -> None:
    cli("quiz", "--id", qid, "--answer", answer)


def _progress(cli) -> dict:
    result = cli("progress", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _use_home(monkeypatch, home: Path) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", str(home))


def _some_progress(cli, monkeypatch) -> None:
    on_day(monkeypatch, 1)
    _answer(cli, "tiny.pick", "a")
    _answer(cli, "tiny.half", "2")
    on_day(monkeypatch, 3)
    _answer(cli, "tiny.pick", "c")
    # -1 is never half of n in [2, 40]: both tries are wrong whatever variant is drawn
    cli("quiz", "solo", "--seed", "5", input="-1\n-1\n")
    on_day(monkeypatch, 4)


def test_export_then_import_on_a_fresh_home_gives_the_same_progress(cli, monkeypatch, tmp_path):
    _some_progress(cli, monkeypatch)
    before = _progress(cli)
    result = cli("progress", "export", tmp_path / "mine.json")
    assert result.exit_code == 0 and "Exported 5 answers and 3 review cards" in result.stdout
    _use_home(monkeypatch, tmp_path / "fresh")
    result = cli("progress", "import", tmp_path / "mine.json")
    assert result.exit_code == 0 and "5 new answers" in result.stdout
    assert _progress(cli) == before
    again = cli("progress", "import", tmp_path / "mine.json", "--json")
    assert json.loads(again.stdout) == {
        "file": str(tmp_path / "mine.json"),
        "attempts_added": 0,
        "attempts_known": 5,
        "cards_taken": 0,
        "cards_kept": 3,
    }
    assert _progress(cli) == before  # importing twice changes nothing


def test_merge_keeps_the_newer_of_two_histories(cli, monkeypatch, tmp_path):
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    _use_home(monkeypatch, laptop)
    on_day(monkeypatch, 1)
    _answer(cli, "tiny.pick", "a")  # laptop: right on day 1
    _answer(cli, "tiny.shape", "(8, 16, 112, 112)")
    cli("progress", "export", tmp_path / "laptop.json")
    _use_home(monkeypatch, desktop)
    on_day(monkeypatch, 2)
    _answer(cli, "tiny.pick", "c")  # desktop: wrong on day 2, right on day 5: newer
    on_day(monkeypatch, 5)
    _answer(cli, "tiny.pick", "a")
    cli("progress", "export", tmp_path / "desktop.json")
    newer = _progress(cli)["topics"]["tiny-topic"]["questions"]["tiny.pick"]

    cli("progress", "import", tmp_path / "laptop.json")  # older card: the desktop keeps its own
    desktop_view = _progress(cli)
    _use_home(monkeypatch, laptop)
    cli("progress", "import", tmp_path / "desktop.json")  # newer card: the laptop takes it
    laptop_view = _progress(cli)
    for view in (desktop_view, laptop_view):
        tiny = view["topics"]["tiny-topic"]
        assert tiny["questions"]["tiny.pick"] == newer and newer["reviews"] == 2
        assert tiny["questions"]["tiny.shape"]["reviews"] == 1  # only the laptop had it
        assert (tiny["attempts"], tiny["correct"]) == (4, 3)  # every answer, once
    assert desktop_view == laptop_view


def _database_bytes(home: Path) -> bytes:
    return (home / DB_NAME).read_bytes()


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"recipes": ["soup"]}', "is not a dltutor progress export"),
        ("[1, 2, 3]", "is not a dltutor progress export"),
        (
            '{"format": "dltutor-progress", "version": 7, "attempts": [], "cards": []}',
            "comes from a newer dltutor (export version 7; this one reads up to 1)",
        ),
        (
            '{"format": "dltutor-progress", "version": 1, "attempts": [{"question_id": "q"}], "cards": []}',
            "attempt 1 has no 'topic'",
        ),
        (None, "stops before its JSON is complete"),  # an export cut short
        ("name,score\nada,3\n", "is not JSON (line 1, column 1"),  # another file: not "cut short"
        ('{"format": "dltutor-progress",\n "version": x}', "is not valid JSON (line 2, column 13"),
    ],
)
def test_a_bad_import_says_why_in_one_line_and_leaves_the_database_untouched(
    cli, monkeypatch, home, tmp_path, content, message
):
    _some_progress(cli, monkeypatch)
    good = tmp_path / "good.json"
    cli("progress", "export", good)
    bad = tmp_path / "bad.json"
    bad.write_text(content if content is not None else good.read_text()[:300])
    before = _database_bytes(home)
    result = cli("progress", "import", bad)
    assert result.exit_code == 2
    assert message in result.stderr and "nothing was imported" in result.stderr.lower()
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert _database_bytes(home) == before


def test_import_of_a_missing_file_is_exit_2(cli, tmp_path):
    result = cli("progress", "import", tmp_path / "nope.json")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_reset_asks_first_and_no_keeps_everything(cli, monkeypatch, home):
    _some_progress(cli, monkeypatch)
    before = _database_bytes(home)
    result = cli("progress", "reset", input="n\n")
    assert result.exit_code == 1 and "Nothing was deleted" in result.stdout
    assert "Delete all your progress (5 answers, 3 review cards)?" in result.stdout
    assert _database_bytes(home) == before
    assert cli("progress", "reset").exit_code == 1  # no answer (input closed) is no
    result = cli("progress", "reset", input="y\n")
    assert result.exit_code == 0 and "Deleted all your progress" in result.stdout
    assert _progress(cli)["topics"]["tiny-topic"]["attempts"] == 0


def test_reset_of_one_topic_with_yes(cli, monkeypatch):
    _some_progress(cli, monkeypatch)
    result = cli("progress", "reset", "solo", "--yes")
    assert result.exit_code == 0 and "Deleted your progress in solo" in result.stdout
    topics = _progress(cli)["topics"]
    assert topics["solo"]["attempts"] == 0 and topics["solo"]["questions_seen"] == 0
    assert topics["tiny-topic"]["attempts"] == 3
    result = cli("progress", "reset", "solo", "--yes")
    assert result.exit_code == 2 and "no progress recorded in topic 'solo'" in result.stderr


@pytest.mark.parametrize(
    "field, value",
    [
        ("stability", -1e308),
        ("stability", 0),
        ("stability", 1e6),
        ("difficulty", 11.5),
        ("step", 2**62),
        ("reps", -1),
        ("due", "9999-12-31T23:59:59-14:00"),
        ("last_review", "0001-01-01T00:00:00+00:00"),
    ],
)
def test_a_hostile_card_is_refused_and_every_command_still_works(
    cli, monkeypatch, home, tmp_path, field, value
):
    """Values dltutor never writes, which used to make later commands crash."""
    _some_progress(cli, monkeypatch)
    good = tmp_path / "good.json"
    cli("progress", "export", good)
    data = json.loads(good.read_text())
    data["cards"][0][field] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    before = _database_bytes(home)
    result = cli("progress", "import", bad)
    assert result.exit_code == 2 and f"'{field}'" in result.stderr
    assert "nothing was imported" in result.stderr and "Traceback" not in result.output
    assert _database_bytes(home) == before
    assert cli("progress").exit_code == 0


def test_an_import_bigger_than_the_history_keeps_every_index(cli, monkeypatch, tmp_path):
    """A big import rebuilds the attempts' indexes once instead of row by row:
    afterwards they are all there, and the imported answers are all counted."""
    import sqlite3

    def indexes(home: Path) -> set[tuple[str, str]]:
        with sqlite3.connect(home / DB_NAME) as conn:
            return set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))

    _some_progress(cli, monkeypatch)
    cli("progress", "export", tmp_path / "mine.json")
    _use_home(monkeypatch, tmp_path / "fresh")
    cli("progress")  # an empty history: every imported answer outnumbers it
    before = indexes(tmp_path / "fresh")
    assert cli("progress", "import", tmp_path / "mine.json").exit_code == 0
    assert indexes(tmp_path / "fresh") == before and len(before) >= 5
    assert sum(t["attempts"] for t in _progress(cli)["topics"].values()) == 5
