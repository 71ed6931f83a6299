"""A bank file is built from the YAML parser's events in one pass (bank/yamlfile.py):
values as PyYAML's safe loader gives them, each key's line, and one clear line
for whatever has no place in a bank."""

from __future__ import annotations

import pytest
import yaml

from dltutor.bank.yamlfile import MAX_DEPTH, parse_yaml
from dltutor.errors import BankError

SCALARS = """\
text: plain words
quoted: "3"
single: '1e3'
int: 42
negative: -7
hex: 0x1f
float: 2.5e-3
dot: .5
inf: .inf
yes_no: [true, False, yes, no, on]
nulls: [~, null, ]
empty:
date: 2026-03-01
tagged: !!str 12
tagged_int: !!int "12"
block: |
  two
  lines
folded: >
  one
  line
colon: "a: b"
list: [1, "1", one, -1.0, 1_000]
nested: {a: [{b: c}], d: {}}
"""


def test_values_are_those_of_pyyaml_safe_load():
    assert parse_yaml(SCALARS, "f.yaml") == yaml.safe_load(SCALARS)


def test_every_mapping_knows_its_file_its_line_and_each_key_line():
    data = parse_yaml("top: 1\nitems:\n  - id: a\n    kind: numeric\n  - id: b\n", "bank/q.yaml")
    first, second = data["items"]
    assert (data.file, data.line, data.lines) == ("bank/q.yaml", 1, {"top": 1, "items": 2})
    assert (first.line, first.lines, second.line_of("id"), second.line_of("kind")) == (
        3,
        {"id": 3, "kind": 4},
        5,
        5,
    )


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a: 1\nb:\n  c: 2\n  c: 3\n", 4, "duplicate key 'c' (first at line 3)"),
        ("a: 1\n? [x]\n: 2\n", 2, "keys must be text"),
        ("1: one\n", 1, "keys must be text, found 1"),
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases"),
        ("a:\n  - &x [1]\n", 2, "anchors and aliases"),
        ("a: 1\nb: *x\n", 2, "anchors and aliases"),
        ("a: 1\n<<: {b: 2}\n", 2, "merge keys (<<)"),
        ("a: !!set {x, y}\n", 1, "the YAML tag tag:yaml.org,2002:set has no place"),
        ("a: !!python/object:os.system {}\n", 1, "has no place in a bank"),
        ("a: !!python/name:os.system ''\n", 1, "could not determine a constructor"),
        ("a: 1\n---\nb: 2\n", 2, "a second YAML document"),
        ("a: [1, 2\nb: 3\n", 2, "not valid YAML"),
    ],
)
def test_what_has_no_place_in_a_bank_is_one_error_at_its_line(text, line, words):
    with pytest.raises(BankError) as caught:
        parse_yaml(text, "f.yaml")
    assert caught.value.line == line and words in str(caught.value)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 300, 990])
def test_deep_nesting_is_an_error_not_a_recursion_crash(depth):
    text = "\n" * 4 + "a: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(BankError) as caught:
        parse_yaml(text, "f.yaml")
    assert caught.value.line == 5 and f"nested more than {MAX_DEPTH} levels deep" in str(caught.value)


def test_nesting_up_to_the_limit_is_read():
    text = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    value = parse_yaml(text, "f.yaml")["a"]
    for _ in range(MAX_DEPTH - 2):
        (value,) = value
    assert value == [1]


def test_an_empty_file_is_none():
    assert parse_yaml("", "f.yaml") is None and parse_yaml("# only a comment\n", "f.yaml") is None
