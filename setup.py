"""The one compiled module, eightk.documents._cwalk (the HTML walk over Lexbor's nodes; see its
docstring). Everything else is in pyproject.toml. The module is optional: where it cannot be
built (no C compiler), eightk installs without it and walks HTML in Python, with the same output."""

import hashlib
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

SOURCE = "src/eightk/documents/_cwalk.pyx"
# the source's hash, compiled in: tests/test_cwalk.py tells a stale build from a current one
SHA = hashlib.sha256(Path(__file__).with_name("src").joinpath("eightk/documents/_cwalk.pyx").read_bytes()).hexdigest()

setup(
    ext_modules=cythonize(
        [Extension("eightk.documents._cwalk", [SOURCE], optional=True,
                   define_macros=[("CWALK_SOURCE_SHA256", f'"{SHA}"')])],
        compiler_directives={"language_level": 3},
    ),
)
