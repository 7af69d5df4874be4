"""Development and demo: SQLite under var/, fixed throwaway keys, demo accounts without a second factor."""

from .base import *  # noqa: F401,F403
from .base import VAR_DIR, env

DEBUG = True
SECRET_KEY = env.get("KETEN_SECRET_KEY") or "dev-only-insecure-secret-key-never-use-in-production-0123456789"
# Throwaway keys for the demo only; production refuses to start without its own (prod.py).
KETEN_FIELD_KEYS = env.get("KETEN_FIELD_KEYS") or ["ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTAxMjM="]
KETEN_PSEUDONYM_KEY = env.get("KETEN_PSEUDONYM_KEY") or "dev-only-insecure-pseudonym-key"
KETEN_DEMO_MODE = env.get("KETEN_DEMO_MODE", default=True)

VAR_DIR.mkdir(parents=True, exist_ok=True)
