"""Bulk import of a partner's existing registrations (CSV or XLSX).

Every row is validated with the same rules as the form and the API before anything is written;
one bad row means nothing is written and every problem is listed. Rows carry the partner's own
reference, so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Municipality
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.common.errors import ApplicationError, ValidationFailed

from .inputs import SignalInput, parse_signal
from .models import Person, Signal, SignalForm, Source, Status, StatusChange
from .references import new_reference
from .services import person_rows

MAX_ROWS = 100_000

# Target columns: signal fields, and the fields of one possible victim per row.
SIGNAL_COLUMNS = ["external_reference", "observed_on", "municipality", "sector", "forms", "place_of_encounter",
                  "country_of_origin", "transit_countries", "smuggling", "route", "account"]
VICTIM_COLUMNS = ["given_name", "family_name", "date_of_birth", "age", "is_minor", "gender", "nationality",
                  "languages", "phone", "document_number", "description"]
TARGETS = SIGNAL_COLUMNS + [f"victim_{c}" for c in VICTIM_COLUMNS]
REQUIRED = ["external_reference", "forms"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet shows it: the header is row 1
    column: str
    message: str


class ImportRefused(ApplicationError):
    code = "import_refused"

    def __init__(self, problems: list[Problem], message: str | None = None):
        self.problems = problems
        super().__init__(message or _("The file was not imported: %(n)s problem(s). Nothing was written.") % {
            "n": len(problems)})


@dataclass
class ImportResult:
    created: int = 0
    already_imported: int = 0
    rows: int = 0
    sha256: str = ""
    references: list[str] = field(default_factory=list)


def read_table(content: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (comma or semicolon, UTF-8) or XLSX file, as text."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(content)
    if suffix in (".csv", ".txt"):
        return _read_csv(content)
    raise ImportRefused([], _("Keten imports .csv and .xlsx files; this file is %(kind)s.") % {"kind": suffix or "?"})


def _read_csv(content: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([], _("The file is not UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8'."))
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ImportRefused([], _("The file is empty."))
    return [h.strip() for h in rows[0]], [r for r in rows[1:] if any(cell.strip() for cell in r)]


def _read_xlsx(content: bytes) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportRefused([], _("The Excel file cannot be read: %(why)s") % {"why": exc.__class__.__name__})
    sheet = book.worksheets[0]
    rows = [["" if v is None else (v.date().isoformat() if hasattr(v, "date") else str(v)) for v in row]
            for row in sheet.iter_rows(values_only=True)]
    if not rows:
        raise ImportRefused([], _("The file is empty."))
    return [h.strip() for h in rows[0]], [r for r in rows[1:] if any(cell.strip() for cell in r)]


def default_mapping(headers: list[str]) -> dict[str, str]:
    """Headers that already carry a target's name map to it (case and spaces ignored)."""
    normalised = {t.replace("_", ""): t for t in TARGETS}
    mapping = {}
    for header in headers:
        key = header.lower().replace(" ", "").replace("_", "").replace("-", "")
        if key in normalised:
            mapping[header] = normalised[key]
    return mapping


def check_mapping(headers: list[str], mapping: dict[str, str]) -> list[Problem]:
    problems = []
    for source, target in mapping.items():
        if source not in headers:
            problems.append(Problem(1, source, _("The file has no column '%(c)s'.") % {"c": source}))
        if target not in TARGETS:
            problems.append(Problem(1, source, _("'%(t)s' is not a field Keten can import.") % {"t": target}))
    targets = list(mapping.values())
    for target in sorted({t for t in targets if targets.count(t) > 1}):
        problems.append(Problem(1, target, _("Two columns are mapped to '%(t)s'.") % {"t": target}))
    for target in REQUIRED:
        if target not in targets:
            problems.append(Problem(1, target, _("Map a column to '%(t)s'; it is required.") % {"t": target}))
    return problems


def _row_data(headers: list[str], row: list[str], mapping: dict[str, str]) -> dict:
    values = {mapping[h]: (row[i].strip() if i < len(row) else "") for i, h in enumerate(headers) if h in mapping}
    data = {k: v for k, v in values.items() if not k.startswith("victim_")}
    victim = {k[len("victim_"):]: v for k, v in values.items() if k.startswith("victim_")}
    data["forms"] = [f.strip() for f in data.get("forms", "").replace(",", ";").split(";") if f.strip()]
    if any(v for v in victim.values()):
        data["persons"] = [{"role": "victim", **victim}]
    return data


def _column_of(field_name: str, mapping: dict[str, str]) -> str:
    target = field_name.replace("persons[0].", "victim_")
    for source, mapped in mapping.items():
        if mapped == target:
            return source
    return field_name


def validate_rows(headers, rows, mapping, *, organisation_id, progress: Progress | None = None):
    """Parse every row; returns (rows to write, references already imported, problems)."""
    problems = check_mapping(headers, mapping)
    if problems:
        return [], 0, problems
    if len(rows) > MAX_ROWS:
        return [], 0, [Problem(1, "", _("At most %(n)s rows per file.") % {"n": MAX_ROWS})]
    municipalities = set(Municipality.objects.values_list("code", flat=True))
    existing = set(Signal.objects.filter(organisation_id=organisation_id).exclude(external_reference="")
                   .values_list("external_reference", flat=True))
    seen: dict[str, int] = {}
    parsed: list[SignalInput] = []
    skipped = 0
    for index, row in enumerate(rows):
        number = index + 2
        data = _row_data(headers, row, mapping)
        reference = data.get("external_reference", "")
        if reference in seen:
            problems.append(Problem(number, _column_of("external_reference", mapping),
                                    _("Reference %(r)s is also on row %(n)s.") % {"r": reference, "n": seen[reference]}))
            continue
        seen[reference] = number
        try:
            signal = parse_signal(data, municipalities=municipalities)
        except ValidationFailed as exc:
            for name, messages in exc.fields.items():
                problems.extend(Problem(number, _column_of(name, mapping), m) for m in messages)
            continue
        if not signal.external_reference:
            problems.append(Problem(number, _column_of("external_reference", mapping),
                                    _("Every row needs your own reference, so a second import adds nothing twice.")))
        elif signal.external_reference in existing:
            skipped += 1
        else:
            parsed.append(signal)
        if progress:
            progress(index + 1, len(rows), _("checking rows"))
    return parsed, skipped, problems


def import_signals(*, actor: Actor, content: bytes, filename: str, mapping: dict[str, str] | None = None,
                   progress: Progress | None = None) -> ImportResult:
    """Validate the whole file, then write all of it in one transaction, or nothing."""
    actor.require("intake.import_signals")
    headers, rows = read_table(content, filename)
    mapping = mapping or default_mapping(headers)
    parsed, skipped, problems = validate_rows(headers, rows, mapping, organisation_id=actor.organisation_id,
                                              progress=progress)
    if problems:
        raise ImportRefused(problems)
    result = ImportResult(rows=len(rows), already_imported=skipped, sha256=hashlib.sha256(content).hexdigest())
    if progress:
        progress(0, len(parsed), _("writing"))
    now = timezone.now()
    try:
        with transaction.atomic():
            signals = _write(actor, parsed, now)
            record(actor=actor, action=Event.SIGNALS_IMPORTED, object_type="intake.signal", details={
                "file": filename[:100], "sha256": result.sha256, "created": len(signals), "already_imported": skipped})
    except IntegrityError:
        raise ImportRefused([], _("Some of these references were imported by someone else a moment ago. "
                                  "Nothing was written; import the file again to add the rest."))
    result.created = len(signals)
    result.references = [s.reference for s in signals[:20]]
    if progress:
        progress(len(parsed), len(parsed), _("done"))
    return result


def _write(actor: Actor, parsed: list[SignalInput], now) -> list[Signal]:
    signals = [Signal(organisation=actor.organisation, reported_by=actor.user, source=Source.IMPORT,
                      status=Status.NEW, reference=new_reference("S"), **_fields(p)) for p in parsed]
    Signal.objects.bulk_create(signals, batch_size=500)
    SignalForm.objects.bulk_create([SignalForm(signal=s, form=f) for s, p in zip(signals, parsed)
                                    for f in p.forms], batch_size=1000)
    Person.objects.bulk_create([person for s, p in zip(signals, parsed) for person in person_rows(s, p)],
                               batch_size=1000)
    StatusChange.objects.bulk_create([StatusChange(signal=s, to_status=Status.NEW, changed_by=actor.user,
                                                   changed_at=now) for s in signals], batch_size=1000)
    return signals


def _fields(p: SignalInput) -> dict:
    return {"observed_on": p.observed_on, "municipality_id": p.municipality or None, "sector": p.sector,
            "place_of_encounter": p.place_of_encounter, "country_of_origin": p.country_of_origin,
            "transit_countries": p.transit_countries, "smuggling": p.smuggling, "route": p.route,
            "account": p.account, "external_reference": p.external_reference}
