"""A filesystem of its own for each student's home folder, so one full home cannot stop anyone else's save.

Each home is an ext4 image file of a fixed size (space reserved in full with fallocate, so the images can never
fill the disk they sit on), mounted over the home folder (nosuid, nodev). The images live in a folder only root can
read, apart from the hub's state. This machine's kernel has no disk quotas (CONFIG_QUOTA), which would be the usual
answer; docs/hosting.md gives both ways. Uses util-linux's mount and e2fsprogs' mkfs.ext4 (in every Debian).
"""

from __future__ import annotations

import os
import pwd
import subprocess
from pathlib import Path


class HomeFilesystems:
    """Home images in `folder` (mode 700), `size` bytes each."""

    def __init__(self, folder: Path, size: int) -> None:
        self.folder, self.size = Path(folder), size

    def image(self, name: str) -> Path:
        return self.folder / f"{name}.ext4"

    def ensure(self, name: str) -> Path:
        """Make the user's image if it is missing and mount it over their home; returns the home. Safe to repeat."""
        user = pwd.getpwnam(name)
        home = Path(user.pw_dir)
        if os.path.ismount(home):
            return home
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        image = self.image(name)
        if not image.exists():
            keep = home.is_dir() and any(home.iterdir())
            with open(image, "wb") as handle:
                os.posix_fallocate(handle.fileno(), 0, self.size)
            image.chmod(0o600)
            run(["mkfs.ext4", "-q", "-F", "-m", "0", "-E", f"root_owner={user.pw_uid}:{user.pw_gid}", str(image)])
            if keep:  # a home made before it had its own filesystem: copy what is in it onto the new one
                self._mount(image, Path(self.folder / ".copying"))
                run(["cp", "-a", f"{home}/.", str(self.folder / ".copying")])
                run(["umount", str(self.folder / ".copying")])
        home.mkdir(parents=True, exist_ok=True)
        self._mount(image, home)
        home.chmod(0o700)
        os.chown(home, user.pw_uid, user.pw_gid)
        return home

    def _mount(self, image: Path, where: Path) -> None:
        where.mkdir(parents=True, exist_ok=True)
        run(["mount", "-o", "loop,nosuid,nodev", str(image), str(where)])

    def release(self, name: str, delete: bool = False) -> None:
        """Unmount the user's home (a lazy unmount if a process still uses it); delete the image if asked."""
        try:
            home = Path(pwd.getpwnam(name).pw_dir)
        except KeyError:
            home = None
        if home is not None and os.path.ismount(home):
            if subprocess.run(["umount", str(home)], capture_output=True).returncode:
                subprocess.run(["umount", "-l", str(home)], capture_output=True)
        if delete:
            self.image(name).unlink(missing_ok=True)


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip() or done.stdout.strip()}")
