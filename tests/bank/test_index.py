"""The bank index: listing, progress and quiz planning read each question's
id, kind and difficulty from an index keyed by the file's bytes, so a big bank
is parsed once, not on every command; a changed, damaged or broken file never
gives a stale or wrong answer."""

from __future__ import annotations

import shutil

import pytest

from dltutor.bank import catalogue as catalogue_module
from dltutor.bank.index import index_dir
from tests.conftest import GOOD

# these tests are about building the index: they start from an empty cache
pytestmark = pytest.mark.cold_index


@pytest.fixture
def bank(tmp_path):
    copy = tmp_path / "bank"
    shutil.copytree(GOOD, copy)
    return copy


def _ids(cli, bank) -> list[str]:
    return [q["id"] for q in cli.json("bank", "list", "--bank", bank)[1]["questions"]]


def test_a_second_listing_parses_no_question_file(cli, bank, monkeypatch):
    first = _ids(cli, bank)
    assert "tiny.pick" in first and any(index_dir().glob("*.json"))

    def refuse(*args, **kwargs):
        raise AssertionError("a question file was parsed")

    monkeypatch.setattr(catalogue_module, "read_questions", refuse)
    assert _ids(cli, bank) == first
    assert cli("progress", "--bank", bank).exit_code == 0


def test_a_changed_file_is_read_again(cli, bank):
    _ids(cli, bank)
    questions = bank / "solo" / "questions.yaml"
    questions.write_text(questions.read_text().replace("solo.half", "solo.halved"))
    ids = _ids(cli, bank)
    assert "solo.halved" in ids and "solo.half" not in ids


def test_a_damaged_index_entry_is_ignored_and_rebuilt(cli, bank):
    first = _ids(cli, bank)
    for entry in index_dir().glob("*.json"):
        entry.write_text('[{"id": "forged"}]')
    assert _ids(cli, bank) == first


def test_a_broken_file_is_reported_every_time_never_indexed(cli, bank):
    questions = bank / "solo" / "questions.yaml"
    questions.write_text(questions.read_text().replace("kind: numeric", "kind: numerc", 1))
    for _ in range(2):
        result = cli("bank", "list", "--bank", bank)
        assert result.exit_code == 2 and "unknown kind 'numerc'" in result.stderr


def test_the_quiz_asks_questions_planned_from_the_index(cli, bank):
    _ids(cli, bank)
    result = cli("quiz", "solo", "--bank", bank, "-n", "1", "--seed", "2", input="q\n")
    assert result.exit_code in (0, 130) and "one half of" in result.stdout


def test_only_files_the_index_lacks_are_announced(bank):
    """The CLI tells a person at a terminal when files are parsed whole (a big
    bank's first command takes seconds): it hears of the changed file only."""
    from dltutor.bank.catalogue import Catalogue

    def files_read_whole() -> list[str]:
        told: list[str] = []
        books = Catalogue([bank])
        books.on_index = lambda file: told.append(f"{file.parent.name}/{file.name}")
        [books.entries(topic) for topic in books.topic_ids]
        return sorted(told)

    everything = files_read_whole()
    assert "solo/questions.yaml" in everything and len(everything) >= 2
    assert files_read_whole() == []
    questions = bank / "solo" / "questions.yaml"
    questions.write_text(questions.read_text() + "\n")
    assert files_read_whole() == ["solo/questions.yaml"]
