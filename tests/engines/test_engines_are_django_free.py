"""Engines are libraries first: importing any of them must not pull in Django or the apps."""

import pkgutil
import subprocess
import sys

import keten.engines


def engine_packages() -> list[str]:
    return sorted(
        f"keten.engines.{info.name}" for info in pkgutil.iter_modules(keten.engines.__path__) if info.ispkg
    )


def test_no_engine_imports_django_or_the_apps():
    packages = engine_packages()
    # A fresh interpreter, so modules imported by other tests cannot hide an import.
    code = (
        "import importlib, sys\n"
        f"for name in {packages!r}:\n"
        "    importlib.import_module(name)\n"
        "    for sub in list(sys.modules):\n"
        "        if sub.startswith(name + '.'):\n"
        "            pass\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith(('django.', 'rest_framework', 'keten.apps')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"engines imported {result.stdout.strip()}"
