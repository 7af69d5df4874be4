"""Request-scoped values (the request id) for code that has no request object, such as the audit log."""

from __future__ import annotations

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("keten_request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


def bind_request_id(value: str | None = None) -> contextvars.Token:
    return _request_id.set(value or uuid.uuid4().hex)


def reset_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)
