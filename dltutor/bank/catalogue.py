"""The one place that finds and reads banks: the built-in one, `--bank` folders,
then the folders in DLTUTOR_BANKS.

A bank is a folder of topic folders (each with lesson.yaml and/or
questions.yaml) and an optional course.yaml giving the teaching order; a topic
folder can also be named directly. Files are read on first use and cached, so
listing topics never reads a question.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from dltutor.bank.index import Entry, entries_of, entry_of
from dltutor.bank.lessons import read_lesson
from dltutor.bank.models import Lesson, Question
from dltutor.bank.pick import read_one
from dltutor.bank.questions import read_questions
from dltutor.bank.schema import Field, read_fields
from dltutor.bank.yamlfile import collector_paused, read_header, read_yaml
from dltutor.errors import BankError, NotFoundError

LESSON, COURSE = "lesson.yaml", "course.yaml"
# question files of a topic: the bank, and the code exercises kept apart from it
QUESTION_FILES = ("questions.yaml", "exercises.yaml")
COURSE_FIELDS = [
    Field("format_version", (int,), True),
    Field("topics", (list,), True, items=(str,)),
    # short names people type for a topic (`rnn`, `xai`): alias -> topic id
    Field("aliases", (dict,), default={}),
]


def builtin_bank() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "content"  # inside a wheel
    return installed if installed.is_dir() else package.parent / "content"


def search_path(extra: Sequence[Path | str] = ()) -> list[Path]:
    from_env = [p for p in os.environ.get("DLTUTOR_BANKS", "").split(os.pathsep) if p]
    return [builtin_bank(), *map(Path, extra), *map(Path, from_env)]


@dataclass
class Topic:
    id: str
    lesson_file: Path | None = None
    question_files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # every folder that adds to it


def is_topic_folder(folder: Path) -> bool:
    return any((folder / name).is_file() for name in (LESSON, *QUESTION_FILES))


class Catalogue:
    def __init__(self, banks: Sequence[Path]) -> None:
        self.banks = list(banks)
        self._topics: dict[str, Topic] = {}
        self._lessons: dict[str, Lesson] = {}
        self._questions: dict[str, list[Question]] = {}
        self._seen: set[Path] = set()  # a folder named twice (e.g. content/ itself) counts once
        self.aliases: dict[str, str] = {}
        self._files: dict[Path, list[Question]] = {}  # parsed question files
        self._entries: dict[str, list[Entry]] = {}  # index entries by topic
        self.on_index: Callable[[Path], None] | None = None  # told of a file the index lacks
        for bank in self.banks:
            self._add_bank(bank)

    def _add_bank(self, bank: Path) -> None:
        if not bank.is_dir():
            raise NotFoundError(f"bank folder '{bank}' does not exist")
        course = {} if is_topic_folder(bank) else _course(bank)
        folders = [bank] if is_topic_folder(bank) else _ordered_topic_folders(bank, course)
        self._add_aliases(bank, course.get("aliases") or {})
        for folder in folders:
            if folder.resolve() in self._seen:
                continue
            self._seen.add(folder.resolve())
            topic = self._topics.setdefault(folder.name, Topic(folder.name))
            topic.folders.append(folder)
            if (folder / LESSON).is_file():
                if topic.lesson_file is not None:
                    raise BankError(
                        f"topic '{topic.id}' already has a lesson in {topic.lesson_file}",
                        str(folder / LESSON),
                        1,
                    )
                topic.lesson_file = folder / LESSON
            topic.question_files += [folder / name for name in QUESTION_FILES if (folder / name).is_file()]

    def _add_aliases(self, bank: Path, aliases: dict) -> None:
        for alias, topic_id in aliases.items():
            if not isinstance(topic_id, str) or not (bank / topic_id).is_dir():
                raise BankError(
                    f"alias '{alias}' names no topic folder of this bank", str(bank / COURSE), None, "aliases"
                )
            self.aliases[str(alias).lower()] = topic_id

    def find_topic(self, typed: str) -> str:
        """The topic id a person meant: an id, a course number, a word, an alias."""
        from dltutor.bank.topic_names import resolve

        alias = self.aliases.get(typed.strip().lower())
        return alias if alias in self._topics else resolve(typed, self.topic_ids)

    @property
    def topic_ids(self) -> list[str]:
        return list(self._topics)

    def topics_from(self, bank: Path) -> list[str]:
        """The topics that the bank or topic folder `bank` adds to."""
        bank = bank.resolve()
        return [
            t.id
            for t in self._topics.values()
            if any(bank in (folder.resolve(), folder.resolve().parent) for folder in t.folders)
        ]

    def topic(self, topic_id: str) -> Topic:
        if topic_id not in self._topics:
            raise NotFoundError(
                f"no topic '{topic_id}'{_did_you_mean(topic_id, self._topics)}; "
                "`dltutor learn` lists the topics"
            )
        return self._topics[topic_id]

    def lesson(self, topic_id: str) -> Lesson:
        topic = self.topic(topic_id)
        if topic_id not in self._lessons:
            if topic.lesson_file is None:
                first = topic.question_files[0]
                raise BankError(
                    f"unknown topic '{topic_id}': no bank has {topic_id}/{LESSON}", str(first), 1, "topic"
                )
            self._lessons[topic_id] = read_lesson(
                read_yaml(topic.lesson_file), topic_id, str(topic.lesson_file), self._topics
            )
        return self._lessons[topic_id]

    def outline(self, topic_id: str) -> tuple[str, tuple[str, ...]]:
        """A lesson's title and prerequisites, cheaply: the course map needs no more."""
        topic = self.topic(topic_id)
        if topic_id not in self._lessons and topic.lesson_file is not None:
            header = read_header(topic.lesson_file, ("title", "prerequisites"))
            if (
                header
                and isinstance(header.get("title"), str)
                and isinstance(header.get("prerequisites", []), list)
            ):
                return header["title"], tuple(header.get("prerequisites", []))
        lesson = self.lesson(topic_id)  # the slow path also reports a broken file
        return lesson.title, lesson.prerequisites

    def questions(self, topic_id: str) -> list[Question]:
        topic = self.topic(topic_id)
        if topic_id not in self._questions:
            self.lesson(topic_id)  # a topic's questions need its lesson to exist
            self._questions[topic_id] = [
                q for file in topic.question_files for q in self._read(file, topic_id)
            ]
        return self._questions[topic_id]

    @cached_property
    def by_id(self) -> dict[str, Question]:
        found: dict[str, Question] = {}
        for topic_id in self._topics:
            for question in self.questions(topic_id):
                if question.id in found:
                    first = found[question.id]
                    raise BankError(
                        f"duplicate question id '{question.id}' (first in {first.file}:{first.line})",
                        question.file,
                        question.line,
                        "id",
                    )
                found[question.id] = question
        return found

    def entries(self, topic_id: str) -> list[Entry]:
        """Id, kind, difficulty of the topic's questions: from the index when the
        files are known (bank/index.py), so big banks are not parsed whole."""
        topic = self.topic(topic_id)
        if topic_id in self._questions:
            return [entry_of(q) for q in self._questions[topic_id]]
        if topic_id not in self._entries:  # each file's index is read once per command
            if topic.lesson_file is None:
                self.lesson(topic_id)  # says which bank lacks the lesson
            self._entries[topic_id] = [
                entry
                for file in topic.question_files
                for entry in entries_of(file, topic_id, partial(self._read_to_index, file, topic_id))
            ]
        return self._entries[topic_id]

    @cached_property
    def entries_by_id(self) -> dict[str, Entry]:
        every = [entry for topic_id in self._topics for entry in self.entries(topic_id)]
        found = {entry.id: entry for entry in every}
        if len(found) < len(every):  # an id twice: parsing says where, file:line
            return {q.id: found[q.id] for q in self.by_id.values()}
        return found

    def question(self, question_id: str) -> Question:
        """One question by id, parsing only the files that mention it (once the
        index is read, only the question's own lines): `quiz --id` and a quiz of
        ten questions should not pay for parsing the whole bank."""
        known = self.__dict__.get("entries_by_id", {}).get(question_id)  # once the index is read
        if known is not None:
            return self._one(known)
        for topic in self._topics.values():
            for file in topic.question_files:
                if question_id in _text(file):
                    if topic.lesson_file is None:
                        self.lesson(topic.id)  # says which bank lacks the lesson
                    found = [q for q in self._read(file, topic.id) if q.id == question_id]
                    if found:
                        return found[0]
        raise NotFoundError(
            f"no question '{question_id}'"
            f"{_did_you_mean(question_id, self.entries_by_id)}; "
            "`dltutor bank list` lists the ids"
        )

    def _one(self, entry: Entry) -> Question:
        """Only its own lines when the index vouches for its file (bank/pick.py)."""
        if Path(entry.file) not in self._files:
            later = [
                e.line
                for e in self._entries.get(entry.topic, [])
                if e.file == entry.file and e.line > entry.line
            ]
            question = read_one(entry, min(later, default=None))
            if question is not None:
                return question
        return next(q for q in self._read(Path(entry.file), entry.topic) if q.id == entry.id)

    def _read_to_index(self, file: Path, topic_id: str) -> list[Question]:
        if self.on_index is not None:
            self.on_index(file)  # a big bank's first read takes seconds: the CLI says so
        return self._read(file, topic_id)

    def _read(self, file: Path, topic_id: str) -> list[Question]:
        if file not in self._files:
            with collector_paused():
                self._files[file] = read_questions(read_yaml(file), topic_id, str(file))
        return self._files[file]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # read_yaml reports it properly when the file is parsed


def _course(bank: Path) -> dict:
    if not (bank / COURSE).is_file():
        return {}
    return read_fields(read_yaml(bank / COURSE), COURSE_FIELDS, "a course file", str(bank / COURSE), 1)


def _ordered_topic_folders(bank: Path, course: dict) -> list[Path]:
    folders = sorted(p for p in bank.iterdir() if p.is_dir() and is_topic_folder(p))
    if not course:
        return folders
    order = {name: index for index, name in enumerate(course["topics"])}
    for name in order:
        if not is_topic_folder(bank / name):
            raise BankError(
                f"topic '{name}' is listed but {bank / name} has no lesson or questions",
                str(bank / COURSE),
                None,
                "topics",
            )
    return sorted(folders, key=lambda p: (order.get(p.name, len(order)), p.name))


def _did_you_mean(name: str, known: Sequence[str] | dict) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
