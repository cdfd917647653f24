"""eightk's compiled modules: the HTML walk over Lexbor's nodes (eightk.documents._cwalk) and the
nesting estimate read before Lexbor parses (eightk.documents._cnesting); see their docstrings.
Everything else is in pyproject.toml. Both are optional: where they cannot be built (no C
compiler), eightk installs without them and does the same work in Python, with the same output."""

import hashlib
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

HERE = Path(__file__).parent


def extension(name: str) -> Extension:
    source = f"src/eightk/documents/{name}.pyx"
    # the source's hash, compiled in: tests/test_cwalk.py tells a stale build from a current one
    sha = hashlib.sha256((HERE / source).read_bytes()).hexdigest()
    return Extension(f"eightk.documents.{name}", [source], optional=True,
                     define_macros=[(f"{name[1:].upper()}_SOURCE_SHA256", f'"{sha}"')])


setup(ext_modules=cythonize([extension("_cwalk"), extension("_cnesting")], compiler_directives={"language_level": 3}))
