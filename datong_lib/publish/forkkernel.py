"""Kernels forked from a warm interpreter instead of started from scratch.

A fresh ``python -m ipykernel_launcher`` spends about two seconds importing IPython,
pandas, matplotlib and the library before a briefing's first line runs. The local pool's
forkserver imports them once (:func:`warm_up`); each worker, forked from it, forks once
more at its very start, before it creates any thread, event loop or socket, and keeps
that child waiting on a pipe (:class:`KernelTemplate`). When papermill asks for a kernel,
:class:`ForkingKernelManager` sends the kernel command, environment and working folder
down the pipe and the child becomes that kernel: a new process, in its own session, that
has run nothing but imports. Signals, interrupts, timeouts, shutdown and a dying kernel
are handled by jupyter_client exactly as for a launched one; the child is a direct
child of the worker, so it is waited for like a ``Popen`` (see :mod:`.kernelmgr`).

Anything else (another kernel command or Python, a second start after a failed one,
a Dask worker) launches the kernel the ordinary way.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import warnings

INLINE = "module://matplotlib_inline.backend_inline"
# What every briefing imports; importing them here is what a forked kernel skips.
WARM_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "pandas",
                "matplotlib.pyplot", "seaborn", "datong_lib.report", "datong_lib.figures.extractor",
                "datong_lib.indicators.table", "datong_lib.indicators.derived", "datong_lib.sectors",
                "datong_lib.tasks", "datong_lib.emphasis", "datong_lib.text", "datong_lib.present.format",
                "datong_lib.present.html", "datong_lib.present.charts")


def warm_up() -> None:
    """Import what kernels need, without creating a figure, thread or socket."""
    from importlib import import_module

    # ipykernel sets this before a kernel imports matplotlib; matplotlib reads it on import.
    os.environ.setdefault("MPLBACKEND", INLINE)
    # debugpy (which a kernel loads for its debugger) warns about frozen modules on import
    # unless told not to validate files; a kernel's own environment is set when it starts.
    quiet = "PYDEVD_DISABLE_FILE_VALIDATION" not in os.environ
    if quiet:
        os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name in WARM_MODULES:
                try:
                    import_module(name)
                except Exception:  # noqa: BLE001 - a kernel imports it itself and reports the error
                    pass
    finally:
        if quiet:
            os.environ.pop("PYDEVD_DISABLE_FILE_VALIDATION", None)
    freeze()


def freeze() -> None:
    """Leave what is loaded so far out of garbage collection in this process and its forks.

    A forked worker or kernel would otherwise walk (and so copy, page by page) every object
    the warm interpreter imported at its first full collection. (No collection first: it
    would take 0.07 s of the build's start to free a little memory.)
    """
    import gc

    gc.freeze()


class ForkedProcess:
    """The little of :class:`subprocess.Popen` that jupyter_client's provisioner uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                import subprocess

                raise subprocess.TimeoutExpired(["kernel"], timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum):
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


class KernelTemplate:
    """A child forked at a clean moment that waits to become a kernel (once)."""

    def __init__(self):
        read, self._write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the template: wait for a kernel command, or for the worker to go
            # Keep only stdio and the pipe: a launched kernel inherits no other descriptor.
            os.closerange(3, read)
            os.closerange(read + 1, _max_fd())
            _become_kernel(read)
        os.close(read)
        self.pid = pid
        self.used = False

    def start(self, cmd: list[str], env: dict | None, cwd: str | None) -> ForkedProcess:
        self.used = True
        payload = json.dumps({"cmd": cmd, "env": env, "cwd": cwd}).encode("utf-8")
        try:
            os.write(self._write, payload)
        finally:
            os.close(self._write)
        return ForkedProcess(self.pid)

    def discard(self) -> None:
        """Let an unused template exit and reap it."""
        if not self.used:
            self.used = True
            os.close(self._write)
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass


def _become_kernel(read_fd: int) -> None:
    """Run in the template: read the launch request, then run ipykernel as its launcher would."""
    code = 1
    try:
        chunks = []
        while True:
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read_fd)
        if not chunks:
            code = 0  # the worker finished without needing a kernel
            return
        request = json.loads(b"".join(chunks))
        os.setsid()  # as Popen(start_new_session=True): interrupts go to the kernel's group
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if request.get("env") is not None:
            os.environ.clear()
            os.environ.update(request["env"])
        if request.get("cwd"):
            os.chdir(request["cwd"])
        if "numpy" in sys.modules:  # a launched kernel seeds numpy's global generator afresh
            sys.modules["numpy"].random.seed()
        cmd = request["cmd"]
        _show_command(cmd)
        # ipykernel read JPY_PARENT_PID when the warm interpreter imported it (unset then):
        # say it again, so that the kernel stops when its worker does.
        parent = [f"--IPKernelApp.parent_handle={os.environ['JPY_PARENT_PID']}"] if os.environ.get("JPY_PARENT_PID") else []
        sys.argv = [_launcher_path()] + cmd[3:] + parent
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - a kernel that cannot start dies, and the client says so
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _show_command(cmd: list[str]) -> None:
    """Make ps, psutil and /proc show the kernel command, as for a launched kernel (Linux).

    The command line a process shows is the memory its arguments were passed in; the
    template's (the forkserver's) is long enough to hold the kernel's, padded with NULs.
    """
    try:
        import ctypes

        with open("/proc/self/stat", "rb") as fh:
            stat = fh.read()
        fields = stat[stat.rindex(b")") + 2:].split()
        start, end = int(fields[45]), int(fields[46])  # arg_start, arg_end (proc(5) fields 48, 49)
        data = b"\0".join(os.fsencode(a) for a in cmd) + b"\0"
        if 0 < end - start and len(data) <= end - start:
            ctypes.memmove(start, data.ljust(end - start, b"\0"), end - start)
    except Exception:  # noqa: BLE001 - only what ps shows
        pass


def _max_fd() -> int:
    try:
        return os.sysconf("SC_OPEN_MAX")
    except (ValueError, OSError):
        return 4096


def _launcher_path() -> str:
    import ipykernel_launcher

    return ipykernel_launcher.__file__


_TEMPLATE: KernelTemplate | None = None


def prepare() -> None:
    """Fork the template for this process's one kernel (call before any thread or loop starts).

    ``DATONG_FORK_KERNELS=0`` in the environment launches every kernel the ordinary way.
    """
    global _TEMPLATE
    if hasattr(os, "fork") and _TEMPLATE is None and os.environ.get("DATONG_FORK_KERNELS", "1") != "0":
        _TEMPLATE = KernelTemplate()


def release() -> None:
    """Discard an unused template."""
    global _TEMPLATE
    if _TEMPLATE is not None:
        _TEMPLATE.discard()
        _TEMPLATE = None


def template_for(cmd: list[str]) -> KernelTemplate | None:
    """This process's unused template when it can become ``cmd`` (this Python's ipykernel), else None."""
    if _TEMPLATE is None or _TEMPLATE.used:
        return None
    forkable = (len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"]
                and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable))
    return _TEMPLATE if forkable else None
