import sys
from pathlib import Path

import pytest

try:  # the package is normally installed (pip install -e .); fall back to the source tree
    import keten  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))


@pytest.fixture(scope="session")
def people():
    from keten.engines.linkage import generate_people

    return generate_people(2500, seed=7)


@pytest.fixture(scope="session")
def fast_training():
    from keten.engines.linkage.model import TrainingOptions

    return TrainingOptions(u_max_pairs=3e5, em_max_pairs=3e5)
