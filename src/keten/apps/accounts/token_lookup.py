"""The API token look-up, compiled to SQL once per process instead of on every request.

Every API call looks up its token with its membership, user, organisation and role in one
query. Django compiles that query anew each time, and compiling it costs about eight times as
much as running it (bench/intake): a quarter of the Python work of recording a signal. Here the
query is compiled once per database connection alias and its rows are turned into model objects
the way Django's own model iterable does, so the objects are exactly those the ORM would give
(tests/apps/accounts/test_token_lookup.py compares them field by field).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models.query import get_related_populators

from .models import ApiToken

_RELATED = ("membership__user", "membership__organisation", "membership__role")
_PLACEHOLDER = "\x00digest\x00"


@dataclass(frozen=True)
class _Compiled:
    compiler: Any
    sql: str
    init_list: list[str]
    start: int
    end: int
    populators: list


_compiled: dict[str, _Compiled] = {}
_lock = threading.Lock()


def _compile(alias: str) -> _Compiled:
    queryset = ApiToken.objects.using(alias).select_related(*_RELATED).filter(digest=_PLACEHOLDER)
    compiler = queryset.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    if list(params) != [_PLACEHOLDER]:  # the digest must be the only parameter
        raise RuntimeError(f"unexpected parameters in the token query: {params!r}")
    klass_info, select = compiler.klass_info, compiler.select
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return _Compiled(compiler=compiler, sql=sql, init_list=[f[0].target.attname for f in select[start:end]],
                     start=start, end=end, populators=get_related_populators(klass_info, select, alias))


def token_by_digest(digest: str, using: str = "default") -> ApiToken | None:
    """The token with this digest, its membership, user, organisation and role loaded; or None."""
    compiled = _compiled.get(using)
    if compiled is None:
        with _lock:
            compiled = _compiled.setdefault(using, _compile(using))
    with connections[using].cursor() as cursor:
        cursor.execute(compiled.sql, [digest])
        rows = cursor.fetchall()
    for row in compiled.compiler.results_iter([rows]):
        token = ApiToken.from_db(using, compiled.init_list, row[compiled.start:compiled.end])
        for populator in compiled.populators:
            populator.populate(row, token)
        return token
    return None
