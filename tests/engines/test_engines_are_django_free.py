"""Engines are libraries first: importing any module of any engine must not pull in Django or the apps."""

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import keten.engines
names = [info.name for info in pkgutil.walk_packages(keten.engines.__path__, "keten.engines.")]
for name in names:
    importlib.import_module(name)
bad = sorted(m for m in sys.modules
             if m == "django" or m.startswith(("django.", "rest_framework", "keten.apps", "keten.config")))
print(len(names))
print(",".join(bad))
"""


def test_no_engine_module_imports_django_or_the_apps():
    # A fresh interpreter, so modules imported by other tests cannot hide an import.
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    count, bad = result.stdout.splitlines()
    assert bad == "", f"engine modules imported {bad}"
