"""The class hub's spawner: JupyterHub's LocalProcessSpawner with each student's limits enforced (hub/limits.py).

Before a student's server starts: their home gets its own filesystem (hub/homes.py, when configured) and their
control group its limits. In the server's process, before it drops to the student's user: it joins that group,
gets its resource limits and a private /tmp. When the server stops, every process left in the group is ended.
"""

from __future__ import annotations

import asyncio
import pwd
from pathlib import Path

from homes import HomeFilesystems
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from limits import Limits, StudentGroup, cgroups_available, parse_bytes, private_tmp, set_process_limits
from traitlets import Integer, List, Unicode


class ClassSpawner(LocalProcessSpawner):
    """One student's server, with the class's memory, process, CPU, /tmp and home-size limits."""

    max_processes = Integer(256, help="processes and threads one student may run").tag(config=True)
    teacher_mem_limit = Unicode(
        "3G", help="memory for a teacher (an admin), who may present several notebooks in Voila at once"
    ).tag(config=True)
    tmp_size = Unicode("256M", help="size of each student's private /tmp").tag(config=True)
    home_size = Unicode("", help="size of each home's own filesystem, e.g. 1G; empty: homes share a disk").tag(
        config=True
    )
    home_images = Unicode("", help="folder (root only) for the home filesystems' image files").tag(config=True)
    port_base = Integer(
        20000,
        help="each server's port is port_base + the student's uid modulo port_span, below the ports the "
        "system hands out for outgoing connections (32768 and up on Linux)",
    ).tag(config=True)
    port_span = Integer(10000).tag(config=True)
    shared_folders = List(
        Unicode(), help="folders students' servers must see even if they lie under /tmp (the lab, homes, the repo)"
    ).tag(config=True)

    @property
    def limits(self) -> Limits:
        memory = self.mem_limit or parse_bytes("1G")
        return Limits(memory, self.max_processes, self.cpu_limit or 1.0, parse_bytes(self.tmp_size))

    @property
    def group(self) -> StudentGroup | None:
        return StudentGroup(self.user.name) if cgroups_available() else None

    @property
    def homes(self) -> HomeFilesystems | None:
        if not self.home_size:
            return None
        return HomeFilesystems(Path(self.home_images), parse_bytes(self.home_size))

    def make_preexec_fn(self, name):
        become_student = set_user_setuid(name)
        limits, group, keep = self.limits, self.group, tuple(self.shared_folders)

        def preexec() -> None:
            import os
            import sys

            try:
                if group is not None:
                    group.join(os.getpid())
                set_process_limits(limits)
                private_tmp(limits.tmp, keep)
            except Exception as err:  # Popen only says "Exception occurred in preexec_fn": say which, in the hub's log
                print(f"ClassSpawner could not set {name}'s limits: {err!r}", file=sys.stderr, flush=True)
                raise
            become_student()

        return preexec

    async def start(self):
        # A fixed port per student, outside the range of ports the system gives outgoing connections: a random free
        # port could be taken by another server or connection before this server binds it (seen with 30 students
        # starting at once), and the hub would then wait on someone else's server.
        self.port = self.port_base + pwd.getpwnam(self.user.name).pw_uid % self.port_span
        if self.user.admin and self.teacher_mem_limit:
            self.mem_limit = parse_bytes(self.teacher_mem_limit)
        if self.homes is not None:  # making a filesystem takes a moment: not on the hub's event loop
            await asyncio.to_thread(self.homes.ensure, self.user.name)
        group = self.group
        if group is not None:
            group.remove()  # anything left from an earlier server
            group.create(self.limits)
        else:
            self.log.warning(
                "No cgroup v1 controllers here: %s's memory and CPU are limited per process only", self.user.name
            )
        return await super().start()

    async def stop(self, now=False):
        await super().stop(now=now)
        group = self.group
        if group is not None:
            group.remove()
