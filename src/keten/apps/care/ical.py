"""iCalendar (RFC 5545) for task deadlines, written by hand: a dozen lines do not need a library.
Entries carry the deadline and the case reference, never a person's name."""

from __future__ import annotations

from datetime import datetime, timedelta


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    out, raw = [], line.encode()
    while len(raw) > 75:
        cut = 75
        while (raw[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode())
        raw = b" " + raw[cut:]
    out.append(raw.decode())
    return "\r\n".join(out)


def calendar_for(tasks, *, now: datetime) -> str:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Keten//tasks//NL", "CALSCALE:GREGORIAN"]
    for task in tasks:
        summary = f"{task.case.reference}: {task.label}" if task.case else task.label
        lines += [
            "BEGIN:VEVENT",
            f"UID:{task.pk}@keten",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{task.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{task.due_on + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(summary)}",
            f"TRIGGER;VALUE=DATE-TIME:{task.remind_from:%Y%m%d}T080000Z", "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
