"""An exclusive lock on a reports directory, safe against crashed builds."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

LOCK_NAME = ".build.lock"
# A lock file that cannot be parsed is treated as stale after this many seconds: its
# writer died between creating it and writing its PID.
_UNREADABLE_GRACE = 10.0


class LockHeld(RuntimeError):
    """Another live build holds the lock."""

    def __init__(self, path: Path, info: dict):
        self.path = path
        self.info = info
        self.pid = info.get("pid")
        super().__init__(
            f"another build (PID {info.get('pid', '?')} on {info.get('host', '?')}, "
            f"started {info.get('started', '?')}) holds {path}; wait for it to finish, "
            "or remove the file if that process is gone"
        )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class BuildLock:
    """Hold ``<dir>/.build.lock`` while a build writes the directory.

    The file is created with ``O_CREAT | O_EXCL``, so exactly one process wins. A lock
    left by a process that no longer runs on this host is removed and taken over.
    """

    def __init__(self, directory: Path):
        self.path = Path(directory) / LOCK_NAME
        self.recovered: dict | None = None
        self._held = False

    def _stale(self) -> bool:
        info = _read(self.path)
        if info is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return True
            return age > _UNREADABLE_GRACE
        if info.get("host") != socket.gethostname():
            return False  # cannot check a PID on another machine; be safe
        pid = info.get("pid")
        return not (isinstance(pid, int) and _pid_alive(pid))

    def acquire(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        ).encode("utf-8")
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._stale():
                    self.recovered = _read(self.path) or {}
                    try:
                        self.path.unlink()
                    except FileNotFoundError:
                        pass
                    continue
                raise LockHeld(self.path, _read(self.path) or {}) from None
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            self._held = True
            return self
        raise LockHeld(self.path, _read(self.path) or {})

    def release(self) -> None:
        if self._held:
            info = _read(self.path)
            if info is None or info.get("pid") == os.getpid():
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
            self._held = False

    def __enter__(self) -> "BuildLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
