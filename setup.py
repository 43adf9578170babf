"""The one build step pyproject.toml cannot say: copy the class data set (data/) into the wheel.

A wheel (pip install of the repository or of a .whl) gets data/ as platetrails/classdata/, so the lab runs
wherever the package is installed. An editable install (`pip install -e .`, as in requirements.txt) copies
nothing: it reads data/ in the checkout, where `make data` writes. platetrails/data.py picks the folder.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"
PACKAGED = ("platetrails", "classdata")  # must match platetrails/data.py's INSTALLED_DATA_DIR


class BuildWithClassData(build_py):
    """build_py, then a fresh copy of data/ beside the package's modules (never in an editable install)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib).joinpath(*PACKAGED)
        shutil.rmtree(target, ignore_errors=True)  # a copy left by an earlier build could hold removed files
        shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithClassData})
