"""Parser processes for ``ingest --workers N``, each file under a time and memory budget.

Each worker gets one file at a time, so the parent always knows which file a worker is on:
a file that runs past ``Budgets.seconds`` gets its worker killed and replaced, and is
recorded as failed with the reason; a worker's address space is capped at
``Budgets.memory_mib`` (``RLIMIT_AS``), so a file that needs more fails with a
``MemoryError`` instead of taking the machine. Workers die with their parent (Linux
``PR_SET_PDEATHSIG``, and a thread watching the parent pid elsewhere), ignore Ctrl-C
(the parent handles it), and the pool has no threads of its own, so stopping it is
``terminate`` + ``join`` and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from eightk.errors import EightKError
from eightk.store.prepare import Prepared

Work = Callable[[str, bytes], Prepared]

_WARM_UP = (b"FORM 8-K\nCURRENT REPORT\nDate of Report: March 3, 2020\nWARM-UP CORP\n"
            b"Item 8.01 Other Events.\nThe company sold notes for $1,000 on March 3, 2020.\n"
            b"SIGNATURES\nWARM-UP CORP\nBy: /s/ A. Person\n")


@dataclass(frozen=True)
class Budgets:
    """What one file may cost a worker: wall-clock seconds and MiB of address space (0: no limit)."""

    seconds: float = 300.0
    memory_mib: int = 4096


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=watch, name="eightk-parent-watch", daemon=True).start()


def _worker_main(conn, parent_pid: int, memory_mib: int, work: Work) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent_pid)
    if memory_mib:
        import resource

        limit = memory_mib << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:  # warm up (lazy imports, compiled patterns): a file's budget is not spent on them
        work("warm-up.txt", _WARM_UP)
    except MemoryError:
        return
    if memory_mib and _address_space() > memory_mib << 20:
        # a ready worker already holds more than the budget (the warm-up happened to fit in
        # memory the process had reserved): no file could be read within it, so it does not start
        return
    conn.send("ready")
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        except MemoryError:  # the file itself does not fit in the budget: the parent names it
            os._exit(_EXIT_OVER_MEMORY)
        if msg is None:
            return
        name, data = msg
        try:
            result = work(name, data)
            if result.error and "(MemoryError" in result.error:
                result.error = _over_memory(memory_mib)
            conn.send(result)
        except MemoryError:
            conn.send(Prepared(name=name, error=_over_memory(memory_mib)))
        del msg, data


def _address_space() -> int:
    """This process's address space in bytes, what ``RLIMIT_AS`` caps (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


#: the exit code of a worker that could not even receive its file within the memory budget
_EXIT_OVER_MEMORY = 75


def _over_memory(memory_mib: int) -> str:
    return f"needs more than the {memory_mib} MiB memory budget of a worker (--max-memory); stopped"


@dataclass
class _Worker:
    proc: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: tuple[str, bytes] | None = None
    seq: int = -1
    deadline: float = 0.0


class WorkerPool:
    """``for prepared in pool.map(tasks)``: results in the order of ``tasks``; ``close()`` at the end."""

    def __init__(self, n: int, work: Work, budgets: Budgets = Budgets()) -> None:
        self._ctx = multiprocessing.get_context("spawn")  # no fork of a threaded parent
        self._work = work
        self._budgets = budgets
        self._workers = [self._start() for _ in range(n)]

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, name="eightk-parser", daemon=True,
                                 args=(child, os.getpid(), self._budgets.memory_mib, self._work))
        # The child must start with Ctrl-C ignored (a disposition it inherits: Python keeps an
        # inherited SIG_IGN), so SIGINT is ignored while it starts; it is also blocked meanwhile,
        # so that a Ctrl-C meant for this process stays pending (Linux keeps a blocked signal
        # pending even while ignored) and arrives once the handler is back, instead of being lost
        main = threading.current_thread() is threading.main_thread()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            proc.start()
        finally:
            if main:
                signal.signal(signal.SIGINT, old)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        child.close()
        return _Worker(proc, parent)

    def map(self, tasks: Iterable[tuple[str, bytes]]) -> Iterator[Prepared]:
        it = iter(tasks)
        done: dict[int, Prepared] = {}
        sent = emitted = 0
        exhausted = False
        while True:
            for w in self._workers:
                if w.ready and w.task is None and not exhausted:
                    task = next(it, None)
                    if task is None:
                        exhausted = True
                    else:
                        self._send(w, sent, task, done)
                        sent += 1
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if exhausted and emitted == sent:
                return
            self._collect([w for w in self._workers if w.task is not None or not w.ready], done)

    def _send(self, w: _Worker, seq: int, task: tuple[str, bytes], done: dict[int, Prepared]) -> None:
        w.task, w.seq = task, seq
        w.deadline = time.monotonic() + self._budgets.seconds if self._budgets.seconds else float("inf")
        try:
            w.conn.send(task)
        except OSError:  # it died while the file was on its way (a file past the memory budget ends it)
            w.proc.join(1)
            self._fail(w, done, self._death(w, "the parser process died before it got the file"))

    def _collect(self, busy: list[_Worker], done: dict[int, Prepared]) -> None:
        deadline = min((w.deadline for w in busy if w.task is not None), default=time.monotonic() + 60)
        waited: list[Connection | int] = [w.conn for w in busy]
        waited += [w.proc.sentinel for w in busy]
        ready = set(wait(waited,
                         timeout=min(max(0.0, deadline - time.monotonic()), 3600)))
        now = time.monotonic()
        for w in busy:
            if not w.ready:
                self._starting(w, ready)
                continue
            if w.conn in ready:
                try:
                    done[w.seq] = w.conn.recv()
                    w.task = None
                    continue
                except (EOFError, OSError):
                    pass
            if w.conn in ready or w.proc.sentinel in ready:
                w.proc.join(1)
                self._fail(w, done, self._death(w, f"the parser process died (exit code {w.proc.exitcode}) on this file"))
            elif now >= w.deadline:
                self._fail(w, done, f"took longer than the {self._budgets.seconds:g} s budget for one file"
                           " (--max-seconds); stopped")

    def _death(self, w: _Worker, otherwise: str) -> str:
        """Why ``w`` died on its file: the memory budget when it said so (its exit code), else ``otherwise``."""
        return _over_memory(self._budgets.memory_mib) if w.proc.exitcode == _EXIT_OVER_MEMORY else otherwise

    def _starting(self, w: _Worker, ready: set) -> None:
        """A new worker says it is ready, or could not start (which no file can fix)."""
        if w.conn in ready:
            with contextlib.suppress(EOFError, OSError):
                w.ready = w.conn.recv() == "ready"
        if not w.ready and (w.conn in ready or w.proc.sentinel in ready):
            w.proc.join(5)
            raise EightKError(f"the parser processes cannot start (exit code {w.proc.exitcode});"
                              f" is the memory budget ({self._budgets.memory_mib} MiB, --max-memory) too low?")

    def _fail(self, w: _Worker, done: dict[int, Prepared], reason: str) -> None:
        """Record ``w``'s file as failed, and replace ``w`` by a fresh process."""
        assert w.task is not None, "a failed worker has a task"
        name, data = w.task
        done[w.seq] = Prepared(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), error=reason)
        self._stop(w)
        self._workers[self._workers.index(w)] = self._start()

    @staticmethod
    def _stop(w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5)
        w.conn.close()

    def close(self) -> None:
        """Idle workers are asked to exit, busy ones (an interrupted run) are killed."""
        for w in self._workers:
            if w.task is None:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
        for w in self._workers:
            if w.task is None:
                w.proc.join(2)
            self._stop(w)
        self._workers = []
