"""A question read by its own lines (bank/pick.py) is the question the whole file
gives, for every question of the built-in bank; when the file changed since
it was indexed, or the lines hold something else, the whole file is read."""

from __future__ import annotations

import shutil

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.bank.pick import read_one
from tests.conftest import GOOD


def _next_lines(entries):
    starts = sorted(e.line for e in entries)
    return dict(zip(starts, [*starts[1:], None]))


def test_every_builtin_question_read_alone_equals_the_whole_file_reading():
    books = Catalogue([builtin_bank()])
    checked = 0
    for topic in books.topic_ids:
        entries = books.entries(topic)  # indexes each file (the whole, validating read)
        whole = {q.id: q for q in Catalogue([builtin_bank()]).questions(topic)}
        for file in {e.file for e in entries}:
            mine = [e for e in entries if e.file == file]
            following = _next_lines(mine)
            for entry in mine:
                assert read_one(entry, following[entry.line]) == whole[entry.id], entry.id
                checked += 1
    assert checked > 400


def test_a_file_changed_since_indexing_is_read_whole(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(GOOD, bank)
    _ = Catalogue([bank]).entries_by_id  # indexed
    books = Catalogue([bank])
    entry = books.entries_by_id["solo.half"]  # from the index: no file parsed yet
    questions = bank / "solo" / "questions.yaml"
    questions.write_text(questions.read_text().replace("one half of", "a half of"))
    assert read_one(entry, None) is None  # not the bytes that were validated: no shortcut
    assert "a half of" in books.question("solo.half").prompt


def test_lines_that_hold_more_than_the_question_are_not_taken(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(GOOD, bank)
    books = Catalogue([bank])
    entries = [e for t in books.topic_ids for e in books.entries(t)]
    entry = min((e for e in entries if e.file.endswith("questions.yaml")), key=lambda e: e.line)
    later = [e for e in entries if e.file == entry.file and e.line > entry.line]
    assert later, "the fixture file has two questions"
    assert read_one(entry, None) is None  # every question up to the end: not one question
    assert read_one(entry, later[0].line).id == entry.id
