"""WarmSandbox (a child started ahead of time) and run_calls (a cold check).

A WarmSandbox spawns its child at construction: the child imports torch and
waits for its job, so `.run()` costs only the learner's own work. It runs
one job; afterwards (or on close, exit of a `with` block, garbage collection
or interpreter exit) the child and everything it started are killed. Start
it from a thread that lives as long as it does (the main thread): the child
is tied to the life of the thread that spawned it (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path

from dltutor.errors import AnswerFormatError, NotFoundError, SandboxError
from dltutor.sandbox import cgroup, isolation
from dltutor.sandbox.channel import Channel
from dltutor.sandbox.model import Call, CaseResult, Limits, RunResult
from dltutor.sandbox.outcome import assemble
from dltutor.sandbox.scan import Finding, check_source
from dltutor.sandbox.wire import encode_job

_LIVE: weakref.WeakSet[WarmSandbox] = weakref.WeakSet()
# past its start window a child still gets more time while it keeps using CPU
# (a busy machine makes the torch import slow, not stuck), up to this in all
START_AT_MOST = 600.0  # seconds
PROGRESS_GRACE = 5.0  # seconds more each time its CPU time was seen to grow


class WarmSandbox:
    def __init__(
        self,
        limits: Limits | None = None,
        *,
        isolation_mode: str | None = None,
        startup_seconds: float = 60.0,
        prewarm: bool = True,
        for_training: bool = False,
    ) -> None:
        """Spawn the child now. `prewarm`: while no job has arrived, let the
        child pay the first-use cost of autograd (~0.5 s of CPU, it imports
        sympy) so that gradient checks answer fast; a cold run never does.
        `for_training` (with prewarm): also build and step torch.optim's SGD
        and Adam once, whose first use imports torch._dynamo (seconds)."""
        self.limits = limits or Limits()
        self.mode = isolation.isolation_mode(isolation_mode)
        self.startup_seconds = startup_seconds
        self.used = self.closed = False
        self._ready_at: float | None = None
        self._cpu_seen, self._cpu_checked = -1.0, 0.0
        weak = self.mode in isolation.WEAK_MODES
        # the weak modes' working directory is a real one; bwrap's is a tmpfs
        self._workdir = tempfile.mkdtemp(prefix="dltutor-box-") if weak else None
        uid = isolation.learner_uid(self.mode) if weak else None
        if uid is not None and self._workdir:
            os.chown(self._workdir, uid, uid)
        home = self._workdir or "/tmp"
        self._spawned_at = time.monotonic()
        self._start_end = self._spawned_at + startup_seconds
        # the whole tree's memory and task count, where a cgroup can be made
        self._group = cgroup.Group(self.limits.memory_bytes, self.limits.processes)
        level = ("train" if for_training else "1") if prewarm else "0"

        def argv(fd: int) -> list[str]:
            return self._group.wrap(isolation.child_argv(self.mode, fd, self.limits.file_bytes, level, uid))

        self._channel = Channel(
            argv,
            isolation.child_env(home),
            self._workdir or "/",
            weak,
            self.limits.output_bytes,
            self.limits.result_bytes,
        )
        _LIVE.add(self)

    def __enter__(self) -> WarmSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    @property
    def pid(self) -> int:
        """The child's process id (bwrap's, in bwrap mode)."""
        return self._channel.proc.pid

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the child has imported torch; False if it has not by then."""
        if self._ready_at is None and not self.closed:
            if timeout is None:
                self._channel.pump(self._seen_ready, self._start_deadline)
            else:
                end = time.monotonic() + timeout
                self._channel.pump(self._seen_ready, lambda: end)
        return self._ready_at is not None

    def _start_deadline(self) -> float:
        """The end of the start window: `startup_seconds` after the spawn, pushed
        on by PROGRESS_GRACE whenever it is reached while the child's CPU time
        still grows, never past START_AT_MOST after the spawn."""
        now = time.monotonic()
        cap = self._spawned_at + max(START_AT_MOST, self.startup_seconds)
        if now >= self._start_end - 1 and now >= self._cpu_checked + 1 and now < cap:
            from dltutor.sandbox.cputime import tree_cpu_seconds

            self._cpu_checked, used = now, tree_cpu_seconds(self.pid)
            if used > self._cpu_seen >= 0:
                self._start_end = min(cap, max(self._start_end, now + PROGRESS_GRACE))
            elif self._cpu_seen < 0:  # the first look: the next one tells whether it moved
                self._start_end = max(self._start_end, now + 1)
            self._cpu_seen = used
        return self._start_end

    def _seen_ready(self) -> bool:
        if self._ready_at is None and self._channel.decoder.messages:
            self._ready_at = time.monotonic()
        return self._ready_at is not None

    def run(
        self,
        source: str | os.PathLike[str],
        calls: Sequence[Call],
        *,
        forbidden: Sequence[str] = (),
        filename: str | None = None,
        forbidden_ops: Mapping[str, str] | None = None,
    ) -> RunResult:
        """Check `source` (a path, or the code itself as a str) with `calls`.
        A syntax error or forbidden use returns at once and leaves the child
        unused; anything else uses it up. `forbidden_ops` maps aten operation
        names ("aten::_softmax", or "autograd") to the name shown when a
        call runs one (the child traces each call; see child_trace.py)."""
        started = time.monotonic()
        text, name = read_source(source, filename)
        calls = list(calls)
        if not calls:
            raise ValueError("run() needs at least one Call")
        finding = check_source(text, name, list(forbidden))
        if finding is not None:
            return _static_failure(finding, calls, self.mode, started)
        if self.used or self.closed:
            raise SandboxError("this sandbox has already been used; start a new WarmSandbox")
        self.used = True
        try:
            extra = {"confine": isolation.confinement(self._workdir or "/tmp"), "trace": bool(forbidden_ops)}
            stop, returncode = self._exchange(
                encode_job(text, name, calls, list(forbidden), self._child_limits(), extra)
            )
            channel = self._channel
            status, message, cases = assemble(
                calls,
                channel.decoder.messages,
                stop,
                returncode,
                self.limits,
                name,
                str(channel.error or ""),
                dict(forbidden_ops or {}),
            )
            output = bytes(channel.output[: self.limits.output_bytes]).decode("utf-8", "replace")
        finally:
            self.close()
        return RunResult(status, message, cases, output, self.mode, None, time.monotonic() - started)

    def _child_limits(self) -> dict[str, float]:
        lim = self.limits
        return {
            "cpu_seconds": lim.cpu_seconds,
            "memory_bytes": lim.memory_bytes,
            "file_bytes": lim.file_bytes,
            "processes": lim.processes,
            "nproc": isolation.process_count(os.getuid()) + lim.processes,
        }

    def _exchange(self, job: bytes) -> tuple[str, int | None]:
        """Send the job, wait for the child within the limits; (why it stopped,
        exit status). Raises SandboxError if the child never became ready."""
        channel, start = self._channel, time.monotonic()
        channel.send(job)

        def deadline() -> float:  # the wall clock runs from the later of run() and ready
            if not self._seen_ready():
                return self._start_deadline()
            return max(self._ready_at or 0.0, start) + self.limits.wall_seconds

        stop = channel.pump(lambda: False, deadline)
        if stop == "exit":
            stop = channel.drain(0.5) or "exit"
        channel.kill()  # also when it exited: its group and namespace go too
        if not self._seen_ready():
            tail = bytes(channel.output[-2000:]).decode("utf-8", "replace").strip()
            raise SandboxError(
                f"the sandbox ({self.mode} mode) did not start: "
                + (tail or f"exit status {channel.proc.returncode}")
            )
        return stop, channel.proc.returncode

    def close(self) -> None:
        """Kill the child and all it started; remove the working directory."""
        if self.closed:
            return
        self.closed = True
        self._channel.close()
        self._group.remove()
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)
        _LIVE.discard(self)


def run_calls(
    source: str | os.PathLike[str],
    calls: Sequence[Call],
    *,
    forbidden: Sequence[str] = (),
    limits: Limits | None = None,
    isolation_mode: str | None = None,
    filename: str | None = None,
    forbidden_ops: Mapping[str, str] | None = None,
) -> RunResult:
    """One cold check: start a child, run `calls`, kill it. Static problems
    (syntax, forbidden names) are reported without starting anything."""
    text, name = read_source(source, filename)
    finding = check_source(text, name, list(forbidden))
    if finding is not None:  # isolation "": nothing was started
        return _static_failure(finding, list(calls), "", time.monotonic())
    with WarmSandbox(limits, isolation_mode=isolation_mode) as box:
        return box.run(text, calls, forbidden=forbidden, filename=name, forbidden_ops=forbidden_ops)


def _static_failure(finding: Finding, calls: list[Call], mode: str, started: float) -> RunResult:
    cases = [CaseResult(error=f"not run: {finding.message}") for _ in calls]
    return RunResult(
        finding.status, finding.message, cases, "", mode, finding.line, time.monotonic() - started
    )


def read_source(source: str | os.PathLike[str], filename: str | None) -> tuple[str, str]:
    """(text, name shown in messages): a path is read; a str is the code."""
    if isinstance(source, str):
        return source, filename or "solution.py"
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8"), filename or str(path)
    except FileNotFoundError:
        raise NotFoundError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise AnswerFormatError(f"{path} is not UTF-8 text") from None
    except OSError as err:
        raise NotFoundError(f"cannot read {path}: {err.strerror}") from None


@atexit.register
def _close_all() -> None:
    for box in list(_LIVE):
        box.close()
