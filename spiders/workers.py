"""A pool of worker processes for CPU-bound work (extraction, and whatever analysis
the caller plugs in), so a crawl uses every core while Scrapy keeps downloading.

Each task runs under a timer in its worker (SIGALRM); a worker that does not come
back even so is killed with the whole pool, which is then rebuilt. A task that
crashes or times out yields a 'failed' article, never a lost page.

Workers are children of multiprocessing's fork server, not of the process that owns the
pool, and each holds the fork server's liveness pipe: if the owner is killed outright
(SIGKILL, the OOM killer), workers and fork server would keep each other alive for ever.
So each worker watches its owner and exits when it is gone.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import select
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy.utils.misc import load_object

_task = None
_timeout = 0.0


class TaskTimeout(BaseException):  # not Exception: libraries must not swallow it
    pass


def _on_alarm(signum, frame):
    raise TaskTimeout()


def _wait_for_exit(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    except OSError:  # no pidfd on this kernel: look every second
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(1)
    select.select([handle], [], [])


def _exit_with(owner: int) -> None:
    def watch() -> None:
        _wait_for_exit(owner)
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def _init_worker(task_path: str, init_path: str | None, init_args: tuple, timeout: float,
                 owner: int) -> None:
    global _task, _timeout
    _exit_with(owner)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGALRM, _on_alarm)
    if init_path:
        load_object(init_path)(*init_args)
    _task, _timeout = load_object(task_path), timeout


def _run(payload: dict) -> dict:
    signal.setitimer(signal.ITIMER_REAL, _timeout)
    try:
        return _task(payload)
    except TaskTimeout:
        return {"error": "timeout", "note": f"extraction took longer than {_timeout:.0f} s"}
    except Exception as exc:  # a bad page must not take the crawl down
        return {"error": "failed", "note": f"{type(exc).__name__}: {exc}"[:500]}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class WorkerPool:
    def __init__(self, task_path: str, workers: int, timeout: float,
                 init_path: str | None = None, init_args: tuple = ()) -> None:
        self.args = (task_path, init_path, init_args, timeout)
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.executor: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            context = multiprocessing.get_context("forkserver")
            self.executor = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_worker,
                initargs=(*self.args, os.getpid()))
        return self.executor

    async def run(self, payload: dict) -> dict:
        future = self._executor().submit(_run, payload)
        try:
            # The in-worker alarm should fire first; this bound catches a worker stuck
            # in C code that never returns to the interpreter.
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout * 2 + 30)
        except (TimeoutError, BrokenProcessPool) as exc:
            self._rebuild()
            return {"error": "worker-lost", "note": f"worker lost: {type(exc).__name__}"}

    def _rebuild(self) -> None:
        executor, self.executor = self.executor, None
        if executor is not None:
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
