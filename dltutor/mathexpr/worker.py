"""Symbolic confirmation in a separate, killable process.

SymPy's simplify can run for minutes and cannot be interrupted from another
thread, so it runs in a worker: a fresh interpreter (`python -I`, never a fork
of a process that may hold torch) that reads JSON requests on stdin and answers
on stdout. The worker bounds each task itself with an interval timer; the
parent also kills it if an answer is overdue (a C-level hang ignores the
timer). One warm worker per process is reused, so checks inside a quiz do not
pay for starting Python and importing SymPy again.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import sympy as sp

_ROOT = str(Path(__file__).resolve().parents[2])
_MAIN = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from dltutor.mathexpr.worker_serve import serve; serve(sys.argv[2] == 'alarm')"
)


class Worker:
    """Client side: start lazily, ask with a short wait, never block longer."""

    def __init__(self, hard_limit: float = 3.0, alarm: bool = True) -> None:
        """`hard_limit`: seconds a task may run before the worker is killed;
        `alarm=False` (tests) makes the worker ignore its timer and cancel requests."""
        self.hard_limit, self.alarm = hard_limit, alarm
        self.proc: subprocess.Popen[bytes] | None = None
        self.ready = False
        self.pending: int | None = None
        self.cancelled = False
        self.sent_at = 0.0
        self.counter = 0
        self.buf = b""
        self.lock = threading.RLock()

    def start(self) -> None:
        with self.lock:
            self.stop()
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _MAIN, _ROOT, "alarm" if self.alarm else "none"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # Ctrl-C in the terminal must not reach it

    def stop(self) -> None:
        with self.lock:
            if self.proc is not None:
                if self.proc.poll() is None:
                    self.proc.kill()
                self.proc.wait()
            self.proc, self.ready, self.pending, self.buf = None, False, None, b""
            self.cancelled = False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _line(self, timeout: float) -> dict[str, Any] | None:
        """One JSON line from the worker within `timeout` seconds, else None."""
        assert self.proc is not None and self.proc.stdout is not None
        fd, end = self.proc.stdout.fileno(), time.monotonic() + timeout
        while b"\n" not in self.buf:
            if not select.select([fd], [], [], max(end - time.monotonic(), 0))[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                self.stop()
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def _settle(self) -> bool:
        """Read what has arrived; kill an overdue worker. True when free to use."""
        if not self.ready:
            msg = self._line(0)
            self.ready = bool(msg and msg.get("ready"))
            if not self.ready:
                return False
        while self.pending is not None:
            msg = self._line(0)  # never wait here: a busy worker just means "no proof now"
            if msg is None:
                if time.monotonic() - self.sent_at > self.hard_limit + 0.5:
                    self.stop()  # overdue: the worker's own timer did not fire
                return False
            if msg.get("id") == self.pending:
                self.pending, self.cancelled = None, False
        return True

    def submit(self, request: dict[str, Any]) -> int | None:
        """Send a request without waiting; its ticket, or None if the worker is not free."""
        with self.lock:
            if not self.alive():
                self.start()
                return None  # warming up; later checks will use it
            if not self._settle():
                return None
            self.counter += 1
            self.pending, self.sent_at, self.cancelled = self.counter, time.monotonic(), False
            line = json.dumps({**request, "id": self.counter}).encode() + b"\n"
            try:
                self.proc.stdin.write(line)  # type: ignore[union-attr]
                self.proc.stdin.flush()  # type: ignore[union-attr]
            except OSError:
                self.stop()
                return None
            reaper = threading.Timer(self.hard_limit + 0.5, self._reap, (self.counter,))
            reaper.daemon = True  # must not keep the interpreter alive at exit
            reaper.start()
            return self.counter

    def result(self, ticket: int, wait: float) -> dict[str, Any] | None:
        """The answer to `ticket` if it arrives within `wait` seconds (else None)."""
        with self.lock:
            if self.pending != ticket or self.proc is None:
                return None
            msg = self._line(wait)
            if msg is None or msg.get("id") != ticket:
                return None
            self.pending = None
            return msg

    def cancel(self, ticket: int) -> None:
        """Ask the worker to drop the task; it answers "not proved" and is free again."""
        with self.lock:
            if self.pending == ticket and self.alive() and not self.cancelled:
                try:
                    os.kill(self.proc.pid, signal.SIGUSR1)  # type: ignore[union-attr]
                    self.cancelled = True
                except OSError:
                    pass

    def ask(self, request: dict[str, Any], wait: float) -> dict[str, Any] | None:
        """submit + result + cancel: one request, waited for at most `wait` seconds."""
        ticket = self.submit(request)
        if ticket is None:
            return None
        msg = self.result(ticket, wait)
        if msg is None:
            self.cancel(ticket)
        return msg

    @staticmethod
    def proof_request(a: sp.Basic, b: sp.Basic, limit: float) -> dict[str, Any] | None:
        from .serial import NotSerialisable, to_data

        try:
            return {"a": to_data(a), "b": to_data(b), "limit": limit}
        except NotSerialisable:
            return None

    def prove_equal(self, a: sp.Basic, b: sp.Basic, wait: float) -> bool | None:
        """True if SymPy proves a == b within `wait` seconds; None if it cannot say."""
        request = self.proof_request(a, b, self.hard_limit)
        msg = self.ask(request, wait) if request is not None else None
        return None if msg is None else msg.get("proved")

    def _reap(self, ticket: int) -> None:
        """Timer thread: kill the worker if this request is still unanswered."""
        with self.lock:
            if self.pending != ticket or self.proc is None:
                return
            try:
                self._settle()
            except (OSError, ValueError):  # a broken pipe or line: kill all the same
                pass
            if self.pending == ticket:
                self.stop()


_shared: Worker | None = None


def shared() -> Worker:
    """The process-wide warm worker (created on first use, killed at exit)."""
    global _shared
    if _shared is None:
        _shared = Worker()
        atexit.register(_shared.stop)
    return _shared
