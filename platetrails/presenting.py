"""How `make voila` serves a teacher: every notebook already run in a waiting kernel, and kept waiting.

Voila can start a kernel for each notebook ahead of time and run the notebook in it ("preheated kernels"),
so that opening a page only has to show what is already there. Voila's idle culler would stop those waiting
kernels after its timeout, since nobody is connected to them, and the next page would start cold again.
This kernel manager culls the kernels of closed pages as before, but never a kernel still waiting in the pool.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class PresenterKernelManager(AsyncMappingKernelManager):
    """A kernel manager for Voila whose culler leaves Voila's preheated, still unused kernels alone."""

    def waiting_in_pool(self, kernel_id: str) -> bool:
        """True if this kernel is a preheated one that no page has taken yet."""
        for pool in getattr(self, "_pools", {}).values():  # Voila's pools: tasks that finish with a kernel id
            for task in pool:
                if task.done() and not task.cancelled() and task.exception() is None:
                    if task.result().get("kernel_id") == kernel_id:
                        return True
        return False

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if self.waiting_in_pool(kernel_id):
            return
        await super().cull_kernel_if_idle(kernel_id)
