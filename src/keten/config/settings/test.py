"""Tests: like development, but fast hashing and second factor required as in production."""

from .dev import *  # noqa: F401,F403
from .base import VAR_DIR, env

DEBUG = False
KETEN_DEMO_MODE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Two keys so that every test also exercises decryption with a non-primary key after rotation.
KETEN_FIELD_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS1wcmltYXJ5LTAxMjM=", "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTAxMjM="]
KETEN_PSEUDONYM_KEY = "test-only-pseudonym-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
if not env.get("REDIS_URL"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: tests then see SQLite's real locking, as the demo does.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-keten.sqlite3")}  # noqa: F405
