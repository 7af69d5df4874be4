"""Production: every secret from the environment, HTTPS only, refuses to start when a key is missing."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = env.require("KETEN_SECRET_KEY")
KETEN_FIELD_KEYS = env.require("KETEN_FIELD_KEYS")
KETEN_PSEUDONYM_KEY = env.require("KETEN_PSEUDONYM_KEY")
if env.get("KETEN_DEMO_MODE"):
    raise env.ConfigurationError("KETEN_DEMO_MODE must be off in production.")
KETEN_DEMO_MODE = False

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
