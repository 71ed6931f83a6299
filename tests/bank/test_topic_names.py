"""Topics are found the way people type them: an id, a word of it, an
abbreviation, a course number or an alias; an ambiguous name lists its
candidates instead of guessing."""

from __future__ import annotations

import pytest

from dltutor.bank.topic_names import resolve
from dltutor.errors import NotFoundError

IDS = [
    "linear-algebra",
    "calculus-backprop",
    "activations",
    "convolution",
    "cnn-architectures",
    "recurrent",
    "attention-transformers",
    "autoencoders-vae",
    "explainability",
]


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("activations", "activations"),
        ("Attention", "attention-transformers"),
        ("transformers", "attention-transformers"),
        ("vae", "autoencoders-vae"),
        ("cnn", "cnn-architectures"),
        ("attn", "attention-transformers"),
        ("conv", "convolution"),
        ("3", "activations"),
        ("9", "explainability"),
        ("backprop", "calculus-backprop"),
    ],
)
def test_a_typed_name_finds_its_topic(typed, meant):
    assert resolve(typed, IDS) == meant


@pytest.mark.parametrize(
    "typed, words",
    [
        ("c", "could be calculus-backprop, convolution, cnn-architectures"),
        ("0", "the course has topics 1 to 9"),
        ("10", "there is no topic 10"),
        ("activasions", "did you mean 'activations'"),
        ("zzz", "`dltutor learn` lists the topics"),
    ],
)
def test_an_ambiguous_or_unknown_name_says_why(typed, words):
    with pytest.raises(NotFoundError, match=words):
        resolve(typed, IDS)


def test_learn_and_quiz_take_words_numbers_and_aliases(cli):
    assert "Attention and transformers" in cli("learn", "attention").stdout
    assert cli("learn", "3").stdout.splitlines()[1].strip("│ ").startswith("Calculus")
    assert "Recurrent" in cli("learn", "rnn").stdout  # an alias from content/course.yaml
    result = cli("quiz", "vae", "-n", "1", "--seed", "1", input="q\n")
    assert result.exit_code in (0, 130) and "autoencoders-vae" in result.stdout
    result = cli("learn", "c")
    assert result.exit_code == 2 and "could be" in result.stderr


def test_an_alias_to_a_missing_topic_is_a_bank_error(cli, tmp_path):
    topic = tmp_path / "bank" / "t"
    topic.mkdir(parents=True)
    (topic / "lesson.yaml").write_text(
        "format_version: 1\ntitle: T\nsummary: s\nsections:\n  - title: One\n    body:\n      - text: hi\n"
    )
    (tmp_path / "bank" / "course.yaml").write_text("format_version: 1\naliases: {x: nowhere}\ntopics: [t]\n")
    result = cli("learn", "--bank", tmp_path / "bank")
    assert result.exit_code == 2 and "alias 'x' names no topic folder" in result.stderr
