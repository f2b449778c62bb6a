"""An exclusive lock on a reports directory, released by the OS when its holder dies.

Two files take part:

- ``.build.flock`` carries the lock itself, an OS lock (``flock`` on Unix, directly;
  ``LockFileEx`` on Windows, through :mod:`filelock`). The OS drops it when the
  holding process exits, however it exits, so no build ever has to decide whether
  another one is still alive. The file stays in place between builds: deleting a
  lock file would let two processes lock two different files under one name.
- ``.build.lock`` names the holder (``{"pid", "host", "started"}``), so that a refused
  build can say who holds the lock. Only the holder writes or removes it; one still on
  disk when the lock is free was left by a build that died, and is replaced.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

LOCK_NAME = ".build.lock"
FLOCK_NAME = ".build.flock"
# How long a refused build waits for the holder's name to appear: the holder writes it
# right after taking the lock.
_NAME_WAIT = 1.0


class LockHeld(RuntimeError):
    """Another live build holds the lock."""

    def __init__(self, path: Path, info: dict):
        self.path = path
        self.info = info
        self.pid = info.get("pid")
        super().__init__(
            f"another build (PID {info.get('pid', '?')} on {info.get('host', '?')}, "
            f"started {info.get('started', '?')}) holds {path}; wait for it to finish "
            "(the lock is released as soon as that process ends)"
        )


def _hostname() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename  # what socket.gethostname() returns, without loading socket
    import socket

    return socket.gethostname()


def _read(path: Path) -> dict | None:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _write(path: Path, info: dict) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(info), encoding="utf-8")
    os.replace(tmp, path)


class _Flock:
    """``flock`` on a file that stays in place, as :mod:`filelock` takes it on Unix, without
    its import (which loads asyncio: a fifth of a build with nothing to do)."""

    def __init__(self, path: Path):
        self.path, self._fd = path, None

    def acquire(self) -> None:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError when another holds it
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        import fcntl

        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class BuildLock:
    """Hold the lock on ``<dir>`` while a build writes the directory.

    ``acquire`` never waits: it takes the lock or raises :class:`LockHeld` naming the
    holder. ``recovered`` is the holder record a dead build left behind (``{}`` when it
    could not be read), or ``None``.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / LOCK_NAME
        self.recovered: dict | None = None
        self._os_lock = None

    def acquire(self) -> "BuildLock":
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os_lock, busy = _Flock(self.directory / FLOCK_NAME), BlockingIOError
        else:
            from filelock import FileLock, Timeout

            os_lock, busy = FileLock(str(self.directory / FLOCK_NAME), timeout=0), Timeout
        try:
            os_lock.acquire()
        except busy:
            raise LockHeld(self.path, self._holder()) from None
        self._os_lock = os_lock
        try:
            if self.path.exists():
                self.recovered = _read(self.path) or {}
            _write(self.path, {"pid": os.getpid(), "host": _hostname(),
                               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
        except BaseException:
            self.release()
            raise
        return self

    def _holder(self) -> dict:
        deadline = time.monotonic() + _NAME_WAIT
        while True:
            info = _read(self.path)
            if info is not None or time.monotonic() > deadline:
                return info or {}
            time.sleep(0.02)

    @property
    def held(self) -> bool:
        return self._os_lock is not None

    def release(self) -> None:
        if self._os_lock is None:
            return
        try:
            info = _read(self.path)
            if info is None or info.get("pid") == os.getpid():
                self.path.unlink(missing_ok=True)
        finally:
            self._os_lock.release()
            self._os_lock = None

    def __enter__(self) -> "BuildLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
