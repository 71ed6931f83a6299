"""The worker process itself: rebuild two expressions, try SymPy's proofs.

Started by worker.Worker as `python -I -c ...` (a fresh interpreter, never a
fork). Reads JSON lines {"id", "a", "b", "limit"} and answers {"id", "proved"}
with proved true, false or null (gave up).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import sympy as sp


class _Timeout(BaseException):
    """BaseException so that SymPy's broad `except Exception` cannot swallow it."""


def _prove(a: sp.Basic, b: sp.Basic) -> bool:
    from .vocabulary import expand_activations

    d = expand_activations(a) - expand_activations(b)
    if d == 0 or sp.simplify(d) == 0:
        return True
    return sp.simplify(d.rewrite(sp.exp)) == 0


def serve(alarm: bool = True) -> None:
    """Worker side: answer {"id", "a", "b", "limit"} lines with {"id", "proved"}.

    SIGALRM (own time limit) and SIGUSR1 (the parent gave up waiting) abandon
    the task at hand; outside a task both are ignored.
    """
    import signal

    from .serial import from_data

    busy = [False]

    def on_signal(*_: Any) -> None:
        if busy[0]:
            raise _Timeout

    signal.signal(signal.SIGALRM, on_signal)
    # alarm=False (tests only) also ignores cancelling: it behaves like a C-level hang
    signal.signal(signal.SIGUSR1, on_signal if alarm else signal.SIG_IGN)
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        req = json.loads(line)
        proved: bool | None = None
        try:
            try:
                busy[0] = True
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, float(req["limit"]))
                if not alarm and req.get("op") == "hang":  # tests: a task that never yields
                    time.sleep(float(req["seconds"]))
                else:
                    proved = _prove(from_data(req["a"]), from_data(req["b"]))
            except Exception:  # a SymPy failure is "not proved", never a crash
                proved = None
            finally:
                busy[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Timeout:  # also when the signal lands inside the finally block
            proved = None
        out.write(json.dumps({"id": req["id"], "proved": proved}) + "\n")
        out.flush()
