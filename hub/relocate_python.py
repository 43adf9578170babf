"""Copy this Python into a folder every user can run (hub/.python), for hub/setup.sh.

Students' servers run as their own Linux users. When the only Python new enough for the lab's pins (3.11.5+) lives
under /root (pyenv), other users cannot run it, so setup.sh copies the interpreter, its shared library and its
standard library (no site-packages, no test suite) to hub/.python and points the interpreter at its copied
library ($ORIGIN/../lib, patched in place in the ELF string table; the new path is shorter than the old one).
Usage: python relocate_python.py DEST
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path


def main(dest: Path) -> None:
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "bin").mkdir(parents=True)
    (dest / "lib").mkdir()
    exe = base / "bin" / version
    shutil.copy2(exe, dest / "bin" / version)
    (dest / "bin" / "python3").symlink_to(version)
    for lib in (base / "lib").glob("libpython*.so*"):
        shutil.copy2(lib, dest / "lib" / lib.name, follow_symlinks=False)
    shutil.copytree(
        base / "lib" / version,
        dest / "lib" / version,
        symlinks=True,
        ignore=shutil.ignore_patterns("site-packages", "test", "idle_test", "tkinter", "idlelib"),
    )
    (dest / "lib" / version / "site-packages").mkdir()
    old = str(base / "lib").encode()
    new = b"$ORIGIN/../lib"
    binary = dest / "bin" / version
    data = binary.read_bytes()
    if sysconfig.get_config_var("Py_ENABLE_SHARED"):
        needle = old + b"\0"
        if data.count(needle) != 1 or len(new) > len(old):
            sys.exit(f"relocate_python: cannot patch the library path {old!r} in {binary}")
        binary.write_bytes(data.replace(needle, new + b"\0" * (len(old) - len(new) + 1)))
    for path in [dest, *dest.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o444 | (0o111 if path.is_dir() or path.stat().st_mode & 0o100 else 0))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
