"""The committed .mo catalogues match their .po sources, and nothing is left untranslated in Dutch."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["nl"])
def test_compiled_catalogue_matches_the_source_and_is_complete(language):
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    compiled = gettext.GNUTranslations((LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb"))
    untranslated, stale = [], []
    for message in catalogue:
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id
            if not all(message.string):
                untranslated.append(singular)
            elif compiled.ngettext(singular, plural, 1) != message.string[0]:
                stale.append(singular)
        else:
            if not message.string or message.fuzzy:
                untranslated.append(message.id)
            elif compiled.gettext(message.id) != message.string:
                stale.append(message.id)
    assert not untranslated, f"untranslated or fuzzy: {untranslated[:10]}"
    assert not stale, f"django.mo is older than django.po (run make messages): {stale[:10]}"
