"""Per-student limits on one machine, for hub/classspawner.py: memory, processes, CPU and a private /tmp.

- `StudentGroup`: a control group per student (cgroup v1, the memory, pids and cpu controllers), so everything a
  student's server starts (kernels, shells, a fork bomb) shares one memory limit, one process limit and one
  CPU quota, and stopping the server ends every process in it. Where the machine has no cgroup v1 controllers
  (systemd machines use cgroup v2), use SystemdSpawner (The Littlest JupyterHub) instead; docs/hosting.md says so.
- `set_process_limits`: resource limits (setrlimit) that hold on any Linux: no single process may hold more
  data than the memory limit (so a runaway cell gets Python's MemoryError, shown as a plain message by the lab),
  and the student's user may run at most so many processes and threads.
- `private_tmp`: a mount namespace of the student's own, with an empty, size-limited /tmp and /var/tmp (on a
  tmpfs charged to the student's memory), so no student can fill the disk the hub keeps its state on through
  /tmp, or read another student's temporary files.
All of these run as root: the group is made before the server starts, and the others in the server's process
just before it drops to the student's user (Popen's preexec_fn).
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "pids", "cpu")
PARENT = "platetrails"
CPU_PERIOD_US = 100_000


@dataclass(frozen=True)
class Limits:
    """What one student may use: bytes of memory, processes and threads, cores, bytes of private /tmp."""

    memory: int
    processes: int
    cpus: float
    tmp: int


def parse_bytes(text: str) -> int:
    """'1G' -> 1073741824; accepts K, M, G and T (powers of 1024), as JupyterHub's mem_limit does."""
    text = text.strip().upper().removesuffix("B")
    factor = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}.get(text[-1:], 1)
    return int(float(text.rstrip("KMGT")) * factor)


def cgroups_available(root: Path = CGROUP_ROOT) -> bool:
    """True where cgroup v1's memory, pids and cpu controllers are mounted and writable here."""
    return all((root / c / "cgroup.procs").exists() and os.access(root / c, os.W_OK) for c in CONTROLLERS)


class StudentGroup:
    """One student's control group in each controller: /sys/fs/cgroup/<controller>/platetrails/<name>."""

    def __init__(self, name: str, root: Path = CGROUP_ROOT) -> None:
        self.name = name
        self.folders = {c: root / c / PARENT / name for c in CONTROLLERS}

    def create(self, limits: Limits) -> None:
        for folder in self.folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        memory = self.folders["memory"]
        (memory / "memory.limit_in_bytes").write_text(str(limits.memory))
        if (memory / "memory.memsw.limit_in_bytes").exists():  # where there is swap, the same limit on both
            (memory / "memory.memsw.limit_in_bytes").write_text(str(limits.memory))
        (self.folders["pids"] / "pids.max").write_text(str(limits.processes))
        cpu = self.folders["cpu"]
        (cpu / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
        (cpu / "cpu.cfs_quota_us").write_text(str(max(1000, int(limits.cpus * CPU_PERIOD_US))))

    def join(self, pid: int) -> None:
        """Put a process (and so everything it starts later) into the group. Call before it drops root."""
        for folder in self.folders.values():
            (folder / "cgroup.procs").write_text(str(pid))

    def members(self) -> set[int]:
        pids: set[int] = set()
        for folder in self.folders.values():
            try:
                pids |= {int(p) for p in (folder / "cgroup.procs").read_text().split()}
            except OSError:
                continue
        return pids

    def memory_used(self) -> int:
        """Bytes charged to the group now (the figure its memory limit is checked against)."""
        return int((self.folders["memory"] / "memory.usage_in_bytes").read_text())

    def memory_stat(self) -> dict[str, int]:
        """The group's memory.stat as numbers (rss: anonymous memory, cache: file pages charged to it, ...)."""
        text = (self.folders["memory"] / "memory.stat").read_text()
        return {key: int(value) for key, value in (line.split() for line in text.splitlines())}

    def out_of_memory_kills(self) -> int:
        """How many processes the kernel stopped because the group reached its memory limit."""
        for line in (self.folders["memory"] / "memory.oom_control").read_text().splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
        return 0

    def remove(self, seconds: float = 5) -> None:
        """End every process left in the group (anything that outlived its server), then delete the group."""
        deadline = time.monotonic() + seconds
        while (pids := self.members()) and time.monotonic() < deadline:
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        for folder in self.folders.values():
            try:
                folder.rmdir()
            except OSError:
                pass


def set_process_limits(limits: Limits) -> None:
    """Per-process data and per-user process limits for this process and all it starts (soft and hard)."""
    resource.setrlimit(resource.RLIMIT_DATA, (limits.memory, limits.memory))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))


CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x1000, 0x4000, 0x40000
TMP_FOLDERS = ("/tmp", "/var/tmp")


def private_tmp(size: int, keep: tuple[str, ...] = ()) -> None:
    """A mount namespace of this process's own, with fresh tmpfs /tmp and /var/tmp of `size` bytes each.

    Folders in `keep` that lie under those (a clone of the lab, or a test's homes) stay visible where they were:
    they are opened before the tmpfs covers them and bound back in through /proc/self/fd.
    """
    libc = ctypes.CDLL(None, use_errno=True)

    def check(result: int, what: str) -> None:
        if result != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"{what}: {os.strerror(err)}")

    hidden = [path for path in keep if any(path == t or path.startswith(t + "/") for t in TMP_FOLDERS)]
    check(libc.unshare(CLONE_NEWNS), "unshare")
    check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    # Opened in the new namespace (a bind must come from a mount of the same namespace), before /tmp is covered.
    opened = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in hidden if os.path.isdir(path)}
    for folder in TMP_FOLDERS:
        if os.path.isdir(folder):
            options = f"size={size},mode=1777".encode()
            check(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options), f"mount {folder}")
    for path, fd in opened.items():
        os.makedirs(path, exist_ok=True)
        check(libc.mount(f"/proc/self/fd/{fd}".encode(), path.encode(), None, MS_BIND | MS_REC, None), f"bind {path}")
        os.close(fd)
