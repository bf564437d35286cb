"""The one optional compiled module; everything else is in pyproject.toml.

marsad._speedups (src/marsad/_speedups.c): the inner loops in C. Its twin, marsad/_native.py,
runs when it is not built, and marsad/speedups.py chooses between them once, at import. The
build is optional: without a C compiler it goes on and marsad runs as plain Python. With
MARSAD_PURE=1 at build time nothing is compiled.
"""

import os

from setuptools import Extension, setup

PURE = os.environ.get("MARSAD_PURE", "") not in ("", "0")
SPEEDUPS = Extension("marsad._speedups", ["src/marsad/_speedups.c"], optional=True, extra_compile_args=["-O2"])

setup(ext_modules=[] if PURE else [SPEEDUPS])
