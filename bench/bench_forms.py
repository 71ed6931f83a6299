"""The three new exercise forms, one exercise each: the verdict time inside
a quiz and the peak memory of a one-shot check (DESIGN §7, issue 12).

    python bench/bench_forms.py [--repeat 5]

Budgets: after Enter, the verdict within 0.5 s for a backward-by-hand
(code.linear_backward) and a module (code.residual_block) exercise; for a
training run (code.train_loop, and code.fit_spirals, judged on held-out
points), within the run's own time plus 0.5 s, the run's own time being the
same training calls made directly in this process (a peer measured in the
same session). code.vae is a module exercise that grades a function too. The check is started when the
question is shown and the learner's answer is the reference, as in
bench_code.py. Peak memory is the largest summed resident set of a one-shot
`dltutor quiz --id ... --answer-file` and everything it started.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_code import DLTUTOR, timed  # bench/ is on sys.path when run as a script

FORMS = {
    "backward by hand": "code.linear_backward",
    "module": "code.residual_block",
    "module + also": "code.vae",
    "training run": "code.train_loop",
    "training held out": "code.fit_spirals",
}


def in_session(qid: str, repeat: int) -> tuple[list[float], str]:
    """Seconds from Enter to the verdict (the check started while the learner typed)."""
    from dltutor.bank.catalogue import Catalogue, search_path
    from dltutor.bank.variants import make_variant
    from dltutor.codecheck import runner
    from dltutor.grading import grade_answer
    from dltutor.kinds.code import reference

    variant = make_variant(Catalogue(search_path()).question(qid), 0)
    answer = reference(variant)
    session = runner.start(variant)
    times = []
    for _ in range(repeat):
        session.prepared()
        assert session.box is not None and session.box.wait_ready(60)
        started = time.perf_counter()
        verdict = grade_answer(variant, answer, "mine.py")
        times.append(time.perf_counter() - started)
        assert verdict.correct, verdict.feedback
    runner.finish(variant)
    return times, answer


def own_run(qid: str, repeat: int) -> float:
    """The training calls themselves, run here on the same cases (the peer)."""
    from dltutor.bank.catalogue import Catalogue, search_path
    from dltutor.codecheck import forms
    from dltutor.codecheck.prepare import prepare
    from dltutor.codecheck.spec import exercise
    from dltutor.codecheck.trusted import run_case

    spec = exercise(Catalogue(search_path()).question(qid))
    prepared, function = prepare(spec, 0), forms.callable_in(spec, spec.reference)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for job in prepared.jobs:
            run_case(function, prepared.cases[job.case], job.weights)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="dltutor-bench-")
    env = {**os.environ, "DLTUTOR_HOME": home, "DLTUTOR_CACHE": str(Path(home) / "cache")}
    os.environ["DLTUTOR_CACHE"] = env["DLTUTOR_CACHE"]  # not the user's cache
    print(f"{'form':<18} {'exercise':<22} {'verdict after Enter':>22} {'peak MiB':>9}  budget")
    for form, qid in FORMS.items():
        times, answer = in_session(qid, args.repeat)
        path = Path(home) / f"{qid}.py"
        path.write_text(answer)
        argv = [*DLTUTOR, "quiz", "--id", qid, "--answer-file", str(path)]
        peak = statistics.median(timed(argv, env, peak=True)[1] for _ in range(2))
        median = statistics.median(times)
        limit = 0.5 + (own_run(qid, args.repeat) if form.startswith("training") else 0.0)
        verdict = "ok" if median <= limit else "OVER"
        print(
            f"{form:<18} {qid:<22} {median:>9.3f} s (max {max(times):.3f}) {peak:>9.0f}  "
            f"{verdict} (≤ {limit:.3f} s)"
        )
    print(f"(median of {args.repeat}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    sys.exit(main())
