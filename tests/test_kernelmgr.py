"""The build's kernel manager and client: a kernel starts, runs and stops as jupyter_client's would."""

import asyncio

import pytest
import zmq

from datong_lib.publish.kernelmgr import POLL_S, RECONNECT_MS, ForkingKernelManager, ReadyClient


@pytest.mark.slow
def test_a_launched_kernel_starts_runs_and_is_gone_after_shutdown():
    async def run():
        km = ForkingKernelManager(kernel_name="python3")  # no template in this process: launched
        await km.start_kernel()
        kc = km.client()
        assert isinstance(kc, ReadyClient)
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            for channel in (kc.shell_channel, kc.iopub_channel, kc.control_channel):
                assert channel.socket.getsockopt(zmq.RECONNECT_IVL) == RECONNECT_MS
            seen = []
            reply = await kc.execute_interactive("print(6 * 7)", timeout=30,
                                                 output_hook=lambda m: seen.append(m["content"].get("text")))
            assert reply["content"]["status"] == "ok" and "42\n" in seen
        finally:
            kc.stop_channels()
            process = km.provisioner.process
            await km.shutdown_kernel()
        assert not await km.is_alive()
        assert process.poll() is not None  # reaped, not left a zombie or running

    asyncio.run(run())


def test_shutdown_polls_faster_than_jupyter_clients_default(monkeypatch):
    """The wait for a kernel to go checks every POLL_S, whatever interval the caller asks for."""
    from jupyter_client.manager import AsyncKernelManager

    asked = []

    async def finish(self, waittime=None, pollinterval=0.1, restart=False):
        asked.append((waittime, pollinterval, restart))

    monkeypatch.setattr(AsyncKernelManager, "_async_finish_shutdown", finish)
    km = ForkingKernelManager(kernel_name="python3")
    asyncio.run(km._async_finish_shutdown(restart=True))
    asyncio.run(km._async_finish_shutdown(waittime=3, pollinterval=0.001))
    assert asked == [(None, POLL_S, True), (3, 0.001, False)]
