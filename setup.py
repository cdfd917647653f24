"""The one compiled module, eightk.documents._cwalk (the HTML walk over Lexbor's nodes; see its
docstring). Everything else is in pyproject.toml. The module is optional: where it cannot be
built (no C compiler), eightk installs without it and walks HTML in Python, with the same output."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [Extension("eightk.documents._cwalk", ["src/eightk/documents/_cwalk.pyx"], optional=True)],
        compiler_directives={"language_level": 3},
    ),
)
