"""Clumsy and hostile use of the CLI: one clear line, the right exit code, nothing harmed."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.conftest import GOOD


def _strict(text: str) -> dict:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "args", [["learn", "[/]"], ["quiz", "--id", "[/x]", "--show"], ["check-gradient", "x", "--wrt", "[/]"]]
)
def test_brackets_in_user_text_are_printed_not_parsed_as_markup(cli, args):
    result = cli(*args)
    assert result.exit_code == 2 and "[/" in result.stderr and "Traceback" not in result.output


def test_a_message_quoting_a_list_keeps_its_brackets(cli):
    result = cli("check-gradient", "x+y", "1")
    assert result.exit_code == 2 and "[a, b]" in result.stderr


def test_overflowing_values_still_give_strict_json(cli):
    result = cli("check-gradient", "exp(1000x)", "exp(1000x)", "--json")
    data = _strict(result.stdout)
    assert result.exit_code == 1 and data["values"]["claimed"] == "inf"


def test_a_claim_that_starts_with_a_minus_is_an_argument(cli):
    assert cli("check-gradient", "cos(x)", "-sin(x)").exit_code == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["quiz", "--id", "tiny.half", "--watch"], "code exercise"),
        (["quiz", "tiny-topic", "--json"], "--json goes with --id"),
        (["quiz", "--id", "tiny.half", "--answer-file", "/dev/zero"], "not a regular file"),
        (["progress", "import", "/dev/zero"], "not a regular file"),
    ],
)
def test_misuse_is_one_line_and_exit_2(cli, args, words):
    result = cli(*args, "--bank", GOOD) if args[0] == "quiz" else cli(*args)
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.output


def test_export_never_replaces_something_that_is_not_a_file(cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli("progress", "export", fifo)
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_import_refuses_a_reviewed_card_without_stability(cli, tmp_path):
    cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "a")
    exported = tmp_path / "mine.json"
    assert cli("progress", "export", exported).exit_code == 0
    data = json.loads(exported.read_text())
    data["cards"][0]["stability"] = None
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    result = cli("progress", "import", broken)
    assert result.exit_code == 2 and "no stability" in result.stderr
    assert "nothing was imported" in result.stderr


def test_typing_quit_ends_the_quiz(cli):
    result = cli("quiz", "solo", "--bank", GOOD, "--seed", "5", input="quit\n")
    assert result.exit_code == 0 and "Can't read that" not in result.stdout


@pytest.mark.parametrize(
    "args, invalid",
    [
        (["check-gradient", "x^2", "2y", "--json"], True),
        (["quiz", "--id", "tiny.half", "--answer-file", "/nonexistent", "--json"], False),
        (["quiz", "--id", "tiny.nope", "--show", "--json"], False),
        (["bank", "list", "--json", "--bank", "/nonexistent"], False),
    ],
)
def test_json_errors_are_one_object_on_stdout_too(cli, args, invalid):
    result = cli(*args, "--bank", GOOD) if args[0] == "quiz" else cli(*args)
    data = _strict(result.stdout)  # exactly one JSON document, nothing else
    assert result.exit_code == 2 and data["exit_code"] == 2 and data["error"]
    assert (data.get("verdict") == "invalid") is invalid


def test_a_mistyped_option_of_check_gradient_is_named_with_the_right_one(cli):
    result = cli("check-gradient", "x^2", "2x", "--jso")
    assert result.exit_code == 2 and "no such option: --jso (did you mean --json?)" in result.stderr
    assert cli("check-gradient", "cos(x)", "-sin(x)").exit_code == 0  # a leading minus is math
