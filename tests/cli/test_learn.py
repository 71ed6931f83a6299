"""`dltutor learn`: the course map and the lessons."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import GOOD


def test_listing_shows_topics_in_course_order_with_progress(cli, columns):
    cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "a")
    columns(120)
    result = cli("learn", "--bank", GOOD)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    tiny = next(i for i, line in enumerate(lines) if "tiny-topic" in line)
    solo = next(i for i, line in enumerate(lines) if "│ solo" in line)
    assert tiny < solo  # course.yaml order, not alphabetical
    progress = json.loads(cli("progress", "--bank", GOOD, "--json").stdout)["topics"]
    mastery = f"{progress['tiny-topic']['mastery']:.0%}"  # the same figure progress shows
    assert lines[tiny].split("│")[6].strip() == mastery and lines[solo].split("│")[6].strip() == "—"
    assert lines[solo].split("│")[4].strip() == lines[tiny].split("│")[1].strip()  # after topic 1


def test_reading_is_recorded_resumed_by_section_and_shown_on_the_map(cli, columns):
    result = cli("learn", "tiny-topic", "--bank", GOOD, "--section", "2")
    assert "2/2 · Second section" in result.stdout and "1/2 · Shapes" not in result.stdout
    columns(80)
    line = next(x for x in cli("learn", "--bank", GOOD).stdout.splitlines() if "tiny-topic" in x)
    assert "in progress" in line
    progress = json.loads(cli("progress", "--bank", GOOD, "--json").stdout)["topics"]
    assert progress["tiny-topic"]["lesson"] == "in progress"
    assert progress["tiny-topic"]["sections_read"] == [2]
    cli("learn", "tiny-topic", "--bank", GOOD, "--section", "1")
    progress = json.loads(cli("progress", "--bank", GOOD, "--json").stdout)["topics"]
    assert progress["tiny-topic"]["lesson"] == "read" and progress["solo"]["lesson"] is None
    result = cli("learn", "tiny-topic", "--bank", GOOD, "--section", "3")
    assert result.exit_code == 2 and "sections 1 to 2" in result.stderr


def test_the_map_keeps_titles_readable_at_60_columns(cli, columns):
    columns(60)
    out = cli("learn").stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 60
    assert "Attention and transformers" in out and "Calculus and backpropagation" in out


def test_after_reading_a_lesson_the_course_quiz_asks_its_questions(cli):
    cli("learn", "solo", "--bank", GOOD)
    result = cli("quiz", "--bank", GOOD, "-n", "1", "--seed", "3", input="q\n")
    assert "from solo" in result.stdout


def test_lesson_prints_every_section_when_piped(cli):
    result = cli("learn", "tiny-topic", "--bank", GOOD)
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("1/2 · Shapes") < out.index("2/2 · Second section") < out.index("Key points")
    assert "Counting parameters" in out and "4·3 + 3 = 15" in out
    assert "dltutor quiz tiny-topic" in out and "dltutor learn solo" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_unknown_topic_suggests_the_closest(cli):
    result = cli("learn", "tiny-topc", "--bank", GOOD)
    assert result.exit_code == 2
    assert "no topic 'tiny-topc' (did you mean 'tiny-topic'?)" in result.stderr


def test_every_command_has_help_with_an_example(cli):
    for command in (["learn"], ["quiz"], ["progress"], ["bank", "validate"], ["bank", "list"]):
        result = cli(*command, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout, command


def test_version(cli):
    from dltutor import __version__

    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"dltutor {__version__}"


def test_bank_list_json_names_every_question(cli):
    code, data = cli.json("bank", "list", "--bank", GOOD)
    assert code == 0
    ids = {q["id"]: q for q in data["questions"]}
    assert {"tiny.pick", "tiny.many", "tiny.params", "tiny.half", "tiny.shape", "solo.half"} <= set(ids)
    assert ids["tiny.params"] == {
        "id": "tiny.params",
        "topic": "tiny-topic",
        "kind": "numeric",
        "difficulty": 2,
        "parametrised": True,
    }


def test_bank_validate_passes_the_good_fixture(cli):
    result = cli("bank", "validate", GOOD)
    assert result.exit_code == 0
    assert "6 questions in 2 topics: all pass" in result.stdout


@pytest.mark.parametrize("width", [60, 80])
def test_every_lesson_renders_whole_at_60_and_80_columns(cli, columns, width):
    """Issues 11 and 13: all 22 lessons, piped, end to end with no error; their plots
    take the console's width and no line ends in spaces."""
    from rich.cells import cell_len

    from dltutor.bank.catalogue import Catalogue, builtin_bank

    columns(width)
    topics = Catalogue([builtin_bank()]).topic_ids
    assert len(topics) == 22
    for topic in topics:
        result = cli("learn", topic)
        assert result.exit_code == 0 and "Key points" in result.stdout, topic
        lines = result.stdout.splitlines()
        assert max(cell_len(line) for line in lines) <= width, topic
        assert not [line for line in lines if line.endswith(" ")], topic


def test_without_colour_the_curves_of_a_plot_differ_by_mark_and_the_legend_shows_it(cli, columns):
    columns(60)
    out = cli("learn", "activations", "--section", "3").stdout  # tanh, tanh' and σ in one plot
    legend = [re.search(r"[┤│] (\S\S) (tanh'|tanh|σ) ", line) for line in out.splitlines()]
    marks = {entry.group(2): entry.group(1) for entry in legend if entry}
    assert set(marks) == {"tanh", "tanh'", "σ"} and len(set(marks.values())) == 3
    assert "\x1b[" not in out


def test_color_always_keeps_colour_through_a_pipe_and_never_drops_it(cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    piped = cli("learn", "tiny-topic", "--bank", GOOD).stdout
    coloured = cli("learn", "tiny-topic", "--bank", GOOD, "--color", "always").stdout
    assert "\x1b[" not in piped and "\x1b[" in coloured
    assert not [line for line in coloured.splitlines() if line.endswith(" ")]
    assert "\x1b[" not in cli("learn", "tiny-topic", "--bank", GOOD, "--color", "never").stdout
    assert "\x1b[" not in cli("learn", "tiny-topic", "--bank", GOOD).stdout  # each run starts at auto


@pytest.mark.parametrize(
    ("read", "key", "start", "asked"),
    [
        (None, "\n", 1, False),  # never opened: from the start, nothing to ask
        ((1, 2), "\n", 1, False),  # read through: from the start again
        ((1,), "\n", 2, True),  # Enter: continue at the first section not read
        ((1,), "n\n", 1, True),  # n: from the start after all
        ((2,), "\n", 1, True),  # the first unread one, not the one after the last read
    ],
)
def test_a_lesson_read_in_part_offers_to_continue_where_it_was_left(monkeypatch, read, key, start, asked):
    import io

    from rich.console import Console

    from dltutor.bank.catalogue import Catalogue
    from dltutor.cli.learn import _resume_at
    from dltutor.progress.lessons import LessonState

    monkeypatch.setattr("sys.stdin", io.StringIO(key))  # not a terminal: the key is read as a line
    screen = io.StringIO()
    lesson = Catalogue([GOOD]).lesson("tiny-topic")  # two sections
    state = None if read is None else LessonState("tiny-topic", frozenset(read), 2, "2026-01-01T00:00:00")
    assert _resume_at(Console(file=screen, width=80), lesson, state) == start
    assert (f"next is {min({1, 2} - set(read or ()), default=0)}," in screen.getvalue()) == asked


def test_ctrl_c_at_a_terminal_stops_on_a_line_of_its_own_and_keeps_what_was_read(cli, monkeypatch):
    """Ctrl-C at the prompt after section 1: the prompt is erased, "Stopped"
    starts its own line, exit 130, and section 1 counts as read."""
    from dltutor.render import console, pager

    def interrupted() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(pager, "read_key", interrupted)
    result = cli("learn", "tiny-topic", "--bank", GOOD, "--section", "1")
    assert result.exit_code == 130
    stopped = next(line for line in result.stdout.split("\n") if "Stopped" in line)
    assert stopped.startswith("Stopped. What you read is saved")
    assert "dltutor learn tiny-topic" in stopped
    sections = json.loads(cli("progress", "--bank", GOOD, "--json").stdout)["topics"]["tiny-topic"]
    assert sections["sections_read"] == [1]
