"""eightk's compiled modules: the HTML walk over Lexbor's nodes (eightk.documents._cwalk), the
nesting estimate read before Lexbor parses (eightk.documents._cnesting) and the byte search that
splits submissions (eightk.containers._cfind); see their docstrings.
Everything else is in pyproject.toml. All are optional: where they cannot be built (no C
compiler, no Python headers), eightk installs without them and does the same work in Python,
with the same output (slower: see docs/scale.md)."""

import hashlib
import sys
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

HERE = Path(__file__).parent


def extension(package: str, name: str) -> Extension:
    source = f"src/eightk/{package}/{name}.pyx"
    # the source's hash, compiled in: tests/test_cwalk.py tells a stale build from a current one
    sha = hashlib.sha256((HERE / source).read_bytes()).hexdigest()
    return Extension(f"eightk.{package}.{name}", [source],
                     define_macros=[(f"{name[1:].upper()}_SOURCE_SHA256", f'"{sha}"')])


def compiler_works() -> bool:
    """Whether a C extension can be built here: a probe compiled with the compiler and headers
    build_ext would use. (setuptools' own ``optional=True`` is not honoured by editable
    installs, which then fail on the missing module.)"""
    import sysconfig
    import tempfile

    from setuptools._distutils.ccompiler import new_compiler
    from setuptools._distutils.sysconfig import customize_compiler

    compiler = new_compiler()
    customize_compiler(compiler)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.c"
        probe.write_text("#include <Python.h>\nint eightk_probe(void) { return 0; }\n")
        try:
            compiler.compile([str(probe)], output_dir=tmp, include_dirs=[sysconfig.get_paths()["include"]])
        except Exception as e:  # noqa: BLE001 (any failure: no compiled modules, the Python code works)
            print(f"warning: no C compiler or Python headers ({e}): eightk is installed without its compiled "
                  "modules and does their work in Python (the same output, slower)", file=sys.stderr)
            return False
    return True


MODULES = ([extension("documents", "_cwalk"), extension("documents", "_cnesting"), extension("containers", "_cfind")]
           if compiler_works() else [])

setup(ext_modules=cythonize(MODULES, compiler_directives={"language_level": 3}) if MODULES else [])
