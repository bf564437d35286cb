"""Optional compiled code; everything else is in pyproject.toml.

1. marsad._fast (src/marsad/_fast.c): four inner loops written in C, each with a Python twin.
2. The modules of COMPILED, compiled as they are by Cython (no source changes, no type
   declarations): the same Python, run without the interpreter's dispatch, ~13% fewer
   instructions per page (docs/benchmarks.md).

Both are optional: without a C compiler or Cython the build goes on and marsad runs as plain
Python. With MARSAD_PURE=1 at build time nothing is compiled. A compiled module older than its
source is never used (see marsad/_compiled.py), so an edit takes effect before the next build.
"""

import os

from setuptools import Extension, setup

COMPILED = ["marsad.normalize", "marsad.lexicons", "marsad.clean.lines", "marsad.clean.segment",
            "marsad.extract.people", "marsad.extract.events", "marsad.extract.places", "marsad.extract.dates",
            "marsad.extract.topics"]


def extensions() -> list[Extension]:
    if os.environ.get("MARSAD_PURE", "") not in ("", "0"):
        return []
    out = [Extension("marsad._fast", ["src/marsad/_fast.c"], optional=True, extra_compile_args=["-O2"])]
    try:
        from Cython.Build import cythonize
    except ImportError:
        return out
    modules = [Extension(name, ["src/" + name.replace(".", "/") + ".py"], optional=True) for name in COMPILED]
    return out + cythonize(modules, build_dir="build/cython", quiet=True, language_level=3,
                           compiler_directives={"binding": True, "annotation_typing": False})


setup(ext_modules=extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
