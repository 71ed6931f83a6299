"""One sandbox child process and its three pipes, driven from one thread.

A single selector loop writes the job to the child's stdin, reads its printed
output (capped: past the cap the child is killed) and its result pipe (fed to
the Decoder), and watches for its exit through a pidfd. Nothing blocks on
the child, so a child that floods output, never reads its job or never
exits cannot hang the tutor; every wait has a deadline.
"""

from __future__ import annotations

import os
import select
import selectors
import signal
import subprocess
import time
from collections.abc import Callable

from dltutor.errors import SandboxError
from dltutor.sandbox.wire import Decoder, ProtocolError, TooLarge

CHUNK = 1 << 16


class Channel:
    def __init__(
        self,
        argv: Callable[[int], list[str]],
        env: dict[str, str],
        cwd: str,
        weak: bool,
        output_bytes: int,
        result_bytes: int,
    ) -> None:
        read_end, write_end = os.pipe()
        try:
            self.proc = subprocess.Popen(
                argv(write_end),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(write_end,),
                env=env,
                cwd=cwd,
                start_new_session=True,
            )
        except OSError as err:
            os.close(read_end)
            raise SandboxError(f"could not start the sandbox: {err}") from None
        finally:
            os.close(write_end)
        # both are pipes (stdin=PIPE, stdout=PIPE above), which Popen's types cannot tell
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        self.weak, self.output_cap = weak, output_bytes
        self.output = bytearray()
        self.decoder = Decoder(result_bytes)
        self.pending = memoryview(b"")  # job bytes not yet written
        self.exited = False
        self.error: ProtocolError | None = None
        self.selector = selectors.DefaultSelector()
        self.result_fd = read_end
        for stream in (self.stdout, self.stdin):
            os.set_blocking(stream.fileno(), False)
        os.set_blocking(read_end, False)
        self.selector.register(self.stdout.fileno(), selectors.EVENT_READ, "output")
        self.selector.register(read_end, selectors.EVENT_READ, "result")
        try:
            self.pidfd: int | None = os.pidfd_open(self.proc.pid)
            self.selector.register(self.pidfd, selectors.EVENT_READ, "exit")
        except (AttributeError, OSError):  # old kernel or Python: poll instead
            self.pidfd = None

    def send(self, data: bytes) -> None:
        self.pending = memoryview(data)
        self.selector.register(self.stdin.fileno(), selectors.EVENT_WRITE, "job")

    def pump(self, until: Callable[[], bool], deadline: Callable[[], float]) -> str:
        """Move bytes until `until()` holds ("until"), the child exits ("exit"),
        or "deadline", "output" (too much printed) or "bad" (protocol)."""
        while not until():
            if self.exited:
                return "exit"
            left = deadline() - time.monotonic()
            if left <= 0:
                return "deadline"
            events = self.selector.select(min(left, 0.02 if self.pidfd is None else left))
            for key, _ in events:
                reason = self._handle(key.data, key.fd)
                if reason:
                    return reason
            if self.pidfd is None and self.proc.poll() is not None:
                self.exited = True
        return "until"

    def _handle(self, what: str, fd: int) -> str | None:
        if what == "exit":
            self.exited = True
            self.selector.unregister(fd)
        elif what == "job":
            try:
                written = os.write(fd, self.pending[:CHUNK])
            except (BlockingIOError, InterruptedError):
                return None
            except OSError:  # the child closed stdin: it will fail on its own
                written = len(self.pending)
            self.pending = self.pending[written:]
            if not self.pending:
                self.selector.unregister(fd)
                self.stdin.close()
        else:
            data = _read(fd)
            if data is None:
                return None
            if not data:
                self.selector.unregister(fd)
            elif what == "output":
                self.output += data[: self.output_cap + 1 - len(self.output)]
                if len(self.output) > self.output_cap:
                    return "output"
            else:
                try:
                    self.decoder.feed(data)
                except ProtocolError as err:
                    self.error = err
                    return "results" if isinstance(err, TooLarge) else "bad"
        return None

    def drain(self, seconds: float) -> str | None:
        """After the exit: read what is left in the pipes, for at most `seconds`
        (a weak-mode straggler may hold them open until it is killed)."""
        end = time.monotonic() + seconds
        while self._reading() and (left := end - time.monotonic()) > 0:
            for key, _ in self.selector.select(left):
                if key.data in ("output", "result"):
                    reason = self._handle(key.data, key.fd)
                    if reason:
                        return reason
                else:
                    self.selector.unregister(key.fd)
        return None

    def _reading(self) -> bool:
        return any(key.data in ("output", "result") for key in self.selector.get_map().values())

    def kill(self) -> None:
        """Kill the child and everything it started; reap it. Idempotent."""
        if self.proc.returncode is not None:
            return  # reaped: its pid may belong to someone else by now
        pid = self.proc.pid
        if self.weak and not self.exited:
            # the supervisor kills every descendant on SIGTERM, orphans included
            _signal(lambda: os.kill(pid, signal.SIGTERM))
            self._await_exit(2.0)
        # while the leader is not reaped, `pid` still names its group; in
        # bwrap mode, killing bwrap takes its PID namespace down with it
        if self.proc.returncode is None:
            _signal(lambda: os.killpg(pid, signal.SIGKILL))
        self.proc.wait()
        self.exited = True

    def _await_exit(self, seconds: float) -> None:
        """Wait for the exit without reaping (a pidfd), or by polling."""
        if self.pidfd is not None:
            select.select([self.pidfd], [], [], seconds)
            return
        end = time.monotonic() + seconds  # without a pidfd, poll() reaps: see kill()
        while time.monotonic() < end and self.proc.poll() is None:
            time.sleep(0.01)

    def close(self) -> None:
        self.kill()
        for fd in [self.result_fd, *([self.pidfd] if self.pidfd is not None else [])]:
            try:
                self.selector.unregister(fd)
            except (KeyError, ValueError):
                pass
            os.close(fd)
        self.pidfd = None
        self.selector.close()
        for stream in (self.stdout, self.stdin):
            try:
                stream.close()
            except OSError:
                pass


def _read(fd: int) -> bytes | None:
    """Bytes, b"" at end of file, or None when nothing is there after all."""
    try:
        return os.read(fd, CHUNK)
    except (BlockingIOError, InterruptedError):
        return None
    except OSError:
        return b""


def _signal(action: Callable[[], None]) -> None:
    try:
        action()
    except (ProcessLookupError, PermissionError):
        pass
