"""Run the parse stage over many files on this machine, in order, with bounded memory.

In: an iterable of paths (consumed lazily), `ReadLimits`. Out: their `Parsed` results in
input order. `local_runner(workers)` picks in-process parsing (1 worker) or a process pool
of that many workers (None: one per core; REGISTRE_WORKERS). At most `IN_FLIGHT_PER_WORKER`
files per worker are submitted ahead of the writer, so a large corpus never sits in memory.
"""
import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path

from registre.ingest import ReadLimits
from registre.ingest.pipeline.parsing import Parsed, failure, parse_file
from registre.ingest.read import display_name
from registre.records import FileIssue

IN_FLIGHT_PER_WORKER = 2
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>

Runner = Callable[[Iterable[Path]], Iterator[Parsed]]


def worker_count(workers: int | None = None) -> int:
    """`workers`, else the number of cores."""
    return workers if workers is not None else os.cpu_count() or 1


def local_runner(workers: int | None = None, limits: ReadLimits = ReadLimits()) -> Runner:
    if worker_count(workers) <= 1:
        return functools.partial(parse_in_process, limits=limits)
    return ProcessPoolRunner(worker_count(workers), limits)


def parse_in_process(paths: Iterable[Path], limits: ReadLimits = ReadLimits()) -> Iterator[Parsed]:
    return (parse_file(path, limits) for path in paths)


class ProcessPoolRunner:
    """Parsing in `workers` processes, forked from this one on Linux: they need no import
    of the caller's script (a script without a `__main__` guard works, as with the Python
    API example) and start at once. They run the parse stage only (pdfplumber, Tesseract
    in its own process), never torch, so the model's thread pools copied by the fork are
    never touched. Each worker ends with its parent, even when the parent is killed. A
    worker that dies (out of memory, a crash in a PDF library) breaks the pool: the files in
    flight are parsed again in a new pool, and a file in flight at two such deaths is
    reported as failed. Results come back through files (`_parse_to_file`), not the pipe."""

    def __init__(self, workers: int, limits: ReadLimits = ReadLimits()):
        self.workers = workers
        self.limits = limits

    def __call__(self, paths: Iterable[Path]) -> Iterator[Parsed]:
        paths = iter(paths)
        first = list(islice(paths, 2))
        if len(first) < 2:  # one file: a pool would cost more than it saves
            yield from parse_in_process(first, self.limits)
            return
        paths = chain(first, paths)
        limit = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[list] = deque()  # [path, future or None], in input order
        deaths: dict[Path, int] = {}
        results = tempfile.TemporaryDirectory(prefix="registre-parse-")
        pool = self._pool()
        try:
            while True:
                while len(pending) < limit and (path := next(paths, None)) is not None:
                    pending.append([path, None])
                if not pending:
                    return
                try:
                    with _kept_from_workers():  # the pool forks its workers on its first submit
                        for item in pending:
                            item[1] = item[1] or pool.submit(_parse_to_file, item[0], self.limits, results.name)
                    result = _load(pending[0][1].result())
                except BrokenProcessPool:
                    pool.shutdown(cancel_futures=True)
                    pool = self._pool()
                    for item in pending:
                        if _lost(item[1]):
                            deaths[item[0]] = deaths.get(item[0], 0) + 1
                            item[1] = None
                    path = pending[0][0]
                    if deaths.get(path, 0) >= 2:
                        pending.popleft()
                        yield Parsed(path, error=FileIssue(
                            display_name(path), "l'analyse a arrêté le processus de travail (mémoire ?)"))
                    continue
                except Exception as error:  # noqa: BLE001 -- sending the result back failed: this file only
                    path = pending.popleft()[0]
                    yield Parsed(path, error=failure(display_name(path), "parse", error))
                    continue
                pending.popleft()
                yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # the writer may stop early
            results.cleanup()

    def _pool(self) -> ProcessPoolExecutor:
        if sys.platform == "linux":
            context = multiprocessing.get_context("fork")
            return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_die_with_parent,
                                       initargs=(os.getpid(),))
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))


@contextlib.contextmanager
def _kept_from_workers():
    """While workers fork from this process, its objects are out of the garbage collector's
    reach (gc.freeze), and stay so in the workers: a worker never frees what it inherits. An
    unreachable object of this process not yet collected (an ONNX Runtime session dropped in a
    reference cycle) freed in a worker would wait for ever on a condition variable that the
    session's threads, absent from the worker, hold: the ingest hung."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _parse_to_file(path: Path, limits: ReadLimits, folder: str) -> str:
    """In a worker: parse `path`, pickle the result into `folder` and return the pickle's name.
    The pipe back to the pool carries that short name only: a worker killed while it sent a
    whole result through the pipe would leave the pool reading the rest of it for ever."""
    parsed = parse_file(path, limits)
    fd, name = tempfile.mkstemp(dir=folder, suffix=".pickle")
    with os.fdopen(fd, "wb") as f:
        try:
            data = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 -- a result that cannot be sent fails its file only
            data = pickle.dumps(Parsed(path, error=failure(display_name(path), "parse", error)))
        f.write(data)
    return name


def _load(name: str) -> Parsed:
    with open(name, "rb") as f:
        parsed = pickle.load(f)
    os.unlink(name)
    return parsed


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (a SIGKILLed writer cannot stop it)."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(0)


def _lost(future: Future | None) -> bool:
    """True when a future of a broken pool holds no result."""
    return future is None or not future.done() or future.cancelled() or future.exception() is not None
