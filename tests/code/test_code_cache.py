"""The expected results on disk (dltutor.codecheck.cache): a second one-shot
of a correct answer never imports torch in the tutor; entries are exact,
keyed by all they depend on, never pickled, and a bad one is recomputed."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import numpy as np
import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.codecheck import batch, cache, cachekey, expected
from dltutor.codecheck.prepare import Job, prepare
from dltutor.codecheck.spec import exercise
from dltutor.codecheck.trusted import Outcome
from tests.code.test_code_cli import GOOD_SOFTMAX

BOOKS = Catalogue([builtin_bank()])
# the real CLI, in a fresh interpreter; says at exit whether the tutor loaded torch
ONE_SHOT = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: print('torch loaded:', 'torch' in sys.modules, "
    "file=sys.stderr))\n"
    "sys.argv = ['dltutor', 'quiz', '--id', 'code.softmax', '--answer-file', sys.argv[1]]\n"
    "runpy.run_module('dltutor', run_name='__main__')\n"
)


def spec_of(qid: str):
    return exercise(BOOKS.question(qid))


def test_a_learners_one_shot_uses_fresh_inputs_and_stores_nothing(solution, results_cache):
    """Secret inputs per check (issue 10 #5): without the pool of seeds drawn
    ahead (off in the suite; test_code_pool.py), the tutor computes the
    references itself each time (torch loaded), and an entry per secret seed,
    never read again, is not written. Named seeds (bank validate) still use the cache."""
    answer = solution(GOOD_SOFTMAX)
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", ONE_SHOT, str(answer)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert run.stderr.strip().splitlines()[-1] == "torch loaded: True"
    assert not list(results_cache.glob("code/*.npz"))


@pytest.mark.parametrize("qid", ["code.softmax", "code.adam", "code.dropout", "code.lstm_cell"])
def test_a_hit_gives_exactly_what_the_reference_gave(qid, monkeypatch):
    spec = spec_of(qid)
    computed = prepare(spec, 1)
    monkeypatch.setattr(expected.forms, "callable_in", _no_reference)
    stored = prepare(spec, 1)
    assert _same_jobs(stored.jobs, computed.jobs)
    for mine, theirs in zip(stored.expected, computed.expected):
        _same_outcome(mine, theirs)


@pytest.mark.parametrize("damage", [b"", b"not a zip", "truncated", "other key", "pickled"])
def test_a_bad_entry_is_recomputed_and_rewritten(damage, results_cache):
    spec = spec_of("code.softmax")
    right = prepare(spec, 0)
    path = cache.entry(spec.id, 0, "reference")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "other key":
        cache.save(path, "0" * 64, right.jobs, right.expected)
    elif damage == "pickled":  # what np.load(allow_pickle=False) refuses
        np.savez(path, meta=np.array([{"key": right.key}], dtype=object))
    else:
        path.write_bytes(damage)
    again = prepare(spec, 0)
    for mine, theirs in zip(again.expected, right.expected):
        _same_outcome(mine, theirs)
    assert cache.load(path, right.key) is not None


def test_a_forged_entry_is_not_believed(results_cache, monkeypatch):
    """What a learner's process could write: a well-formed entry under the
    right key whose results are a wrong solution's, with a MAC of its own."""
    spec = spec_of("code.softmax")
    right = prepare(spec, 0)
    path = cache.entry(spec.id, 0, "reference")
    forged = [dataclasses.replace(o, outputs=[np.zeros_like(a) for a in o.outputs]) for o in right.expected]
    real_key = (results_cache / "key").read_bytes()
    assert (results_cache / "key").stat().st_mode & 0o777 == 0o600
    monkeypatch.setattr(cache, "_key", lambda: b"x" * 32)  # the forger's own key
    cache.save(path, right.key, right.jobs, forged)
    monkeypatch.undo()
    monkeypatch.setenv("DLTUTOR_CACHE", str(results_cache))
    assert cache.load(path, right.key) is None
    again = prepare(spec, 0)  # computed again, and stored with the real MAC
    for mine, theirs in zip(again.expected, right.expected):
        _same_outcome(mine, theirs)
    assert (results_cache / "key").read_bytes() == real_key
    assert cache.load(path, right.key) is not None


def test_outcomes_round_trip_and_object_arrays_are_not_stored(tmp_path):
    outcomes = [
        Outcome(
            [np.float32(2.5) * np.ones((2, 3), np.float32), np.array(7)], [np.arange(4.0), None], None, True
        ),
        Outcome(None, None, "ValueError: no\nTraceback ...", False),
        Outcome([np.array([True, False])], None, None, False),
    ]
    jobs = [Job(0, None), Job(1, [np.ones(3, np.float64), None]), Job(1, None)]
    cache.save(tmp_path / "e.npz", "k", jobs, outcomes)
    pairs, back = cache.load(tmp_path / "e.npz", "k")
    assert [case for case, _ in pairs] == [0, 1, 1] and pairs[1][1][1] is None
    np.testing.assert_array_equal(pairs[1][1][0], np.ones(3))
    for mine, theirs in zip(back, outcomes):
        _same_outcome(mine, theirs)
    assert cache.load(tmp_path / "e.npz", "another key") is None
    cache.save(tmp_path / "o.npz", "k", jobs[:1], [Outcome([np.array(None)])])
    assert not (tmp_path / "o.npz").exists() and not list(tmp_path.glob(".*.tmp"))


def test_the_key_follows_what_the_results_depend_on(tmp_path, monkeypatch):
    spec = spec_of("code.softmax")
    key = cachekey.reference_key(spec, 0)
    copy = tmp_path / "reference.py"
    copy.write_bytes(spec.reference.read_bytes())
    assert cachekey.reference_key(dataclasses.replace(spec, reference=copy), 0) == key
    assert cachekey.reference_key(dataclasses.replace(spec, tolerance={"rtol": 1.0}), 0) == key
    copy.write_bytes(spec.reference.read_bytes() + b"\n# edited\n")
    changed = [
        dataclasses.replace(spec, reference=copy),
        dataclasses.replace(spec, grad=False),
        dataclasses.replace(spec, cases=spec.cases[:2]),
    ]
    keys = {cachekey.reference_key(s, 0) for s in changed} | {cachekey.reference_key(spec, 1)}
    monkeypatch.setattr(cachekey, "_BASE", [])
    monkeypatch.setattr("importlib.metadata.version", lambda name: "9.9.9")
    keys.add(cachekey.reference_key(spec, 0))
    assert key not in keys and len(keys) == 5


def test_bank_validate_warms_the_reference(results_cache, monkeypatch):
    """A named seed's references are cached; the wrong solutions run through the
    probe adapter in the tutor (cheap), so their verdicts stand on a hit."""
    question = BOOKS.question("code.softmax")
    batch.check_files(question, 0)
    names = {p.name for p in (results_cache / "code").glob("*.npz")}
    assert names == {"code.softmax-0-reference.npz"}  # with its .mac integrity tag beside it
    assert (results_cache / "code" / "code.softmax-0-reference.mac").is_file()
    spec, real = exercise(question), expected.forms.callable_in

    def no_reference(spec_: object, path: object) -> object:  # the wrong files may run
        if path in (spec.reference, spec.oracle):
            raise AssertionError("a cache hit must not run the reference")
        return real(spec_, path)

    monkeypatch.setattr(expected.forms, "callable_in", no_reference)
    verdicts = batch.check_files(question, 0)  # the reference from the cache: same verdicts
    assert verdicts[0].correct
    assert [v.mistake for v in verdicts[1:]] == [w.mistake for w in question.wrong]


def _same_jobs(a: list[Job], b: list[Job]) -> bool:
    assert [j.case for j in a] == [j.case for j in b]
    for x, y in zip(a, b):
        assert (x.weights is None) == (y.weights is None)
        for u, v in zip(x.weights or [], y.weights or []):
            assert (u is None and v is None) or (u.dtype == v.dtype and np.array_equal(u, v))
    return True


def _same_outcome(mine: Outcome, theirs: Outcome) -> None:
    assert (mine.error, mine.mutated_inputs) == (theirs.error, theirs.mutated_inputs)
    for got, want in [(mine.outputs, theirs.outputs), (mine.grads, theirs.grads)]:
        assert (got is None) == (want is None) and len(got or []) == len(want or [])
        for u, v in zip(got or [], want or []):
            assert (u is None) == (v is None)
            if u is not None:
                assert u.dtype == v.dtype and u.shape == v.shape
                np.testing.assert_array_equal(u, v)


def _no_reference(*args: object) -> None:
    raise AssertionError("a cache hit must not run trusted code")
