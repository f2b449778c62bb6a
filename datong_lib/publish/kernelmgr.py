"""The kernel manager and client of a build's workers: forked kernels, and no idle waits.

:class:`ForkingKernelManager` takes the worker's waiting template (see :mod:`.forkkernel`)
when there is one and launches the kernel the ordinary way otherwise. Both it and
:class:`ReadyClient` cut jupyter_client's fixed waits, which a build pays once per
briefing:

- a client connects before a new kernel has bound its ports, and ZeroMQ retries a
  refused connection after 100 ms: the first request then waits that long. Here it
  retries after 10 ms;
- the wait for a new kernel ends when IOPub has been quiet for 0.2 s; here 0.05 s;
- a kernel asked to shut down is checked for every 0.1 s until it has gone; here
  every 0.01 s (a forked kernel is a child of the worker, so a check is one ``waitpid``).
"""

from __future__ import annotations

import os

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from . import forkkernel

RECONNECT_MS = 10
QUIET_S = 0.05
POLL_S = 0.01


class ReadyClient(AsyncKernelClient):
    """A client that reaches a starting kernel sooner and waits less for it to settle.

    The kernel's start-up messages arrive at once, and the executing client ignores
    messages that answer other requests anyway.
    """

    @default("context")
    def _context_default(self):
        ctx = super()._context_default()
        ctx.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # for every socket made from it
        return ctx

    async def wait_for_ready(self, timeout=None):
        channel = self.iopub_channel
        get_msg = channel.get_msg

        async def quick(timeout=None):
            return await get_msg(timeout=None if timeout is None else min(timeout, QUIET_S))

        channel.get_msg = quick
        try:
            await super().wait_for_ready(timeout=timeout)
        finally:
            del channel.get_msg


class ForkingKernelManager(AsyncKernelManager):
    """A kernel manager that takes the waiting template when there is one, else launches."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.client_factory = ReadyClient

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        template = forkkernel.template_for(kernel_cmd)
        if template is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        env = dict(kw.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # the kernel stops when the worker does
        cwd = kw.get("cwd") or os.getcwd()
        prov = self.provisioner
        prov.process = template.start(kernel_cmd, env, str(cwd))
        prov.pid = prov.pgid = prov.process.pid
        prov.cwd = cwd
        self._reconcile_connection_info(prov.connection_info)

    async def _async_finish_shutdown(self, waittime=None, pollinterval=0.1, restart=False):
        await super()._async_finish_shutdown(waittime=waittime, pollinterval=min(pollinterval, POLL_S),
                                             restart=restart)
