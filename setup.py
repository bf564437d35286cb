"""Builds the optional C module marsad._fast (see src/marsad/_fast.c); everything else is in
pyproject.toml. Without a C compiler the build goes on and marsad runs its pure-Python twins."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("marsad._fast", ["src/marsad/_fast.c"], optional=True,
                             extra_compile_args=["-O2"])])
