"""`dltutor learn`: the course map and the lessons."""

from __future__ import annotations

from tests.conftest import GOOD


def test_listing_shows_topics_in_course_order_with_progress(cli):
    cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "a")
    result = cli("learn", "--bank", GOOD)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    tiny = next(i for i, line in enumerate(lines) if "tiny-topic" in line)
    solo = next(i for i, line in enumerate(lines) if "│ solo" in line)
    assert tiny < solo  # course.yaml order, not alphabetical
    assert "100% of 1" in lines[tiny] and "not started" in lines[solo]
    assert lines[solo].split("│")[4].strip() == lines[tiny].split("│")[1].strip()  # after topic 1


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
    assert ids["tiny.params"] == {"id": "tiny.params", "topic": "tiny-topic", "kind": "numeric",
                                  "difficulty": 2, "parametrised": True}


def test_bank_validate_passes_the_good_fixture(cli):
    result = cli("bank", "validate", GOOD)
    assert result.exit_code == 0
    assert "6 questions in 2 topics: all pass" in result.stdout
