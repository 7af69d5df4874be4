"""Nationalities as ISO 3166 alpha-2 codes, from codes and Dutch and English names."""

from __future__ import annotations

from .normalise import fold

_NAMES = {
    "NL": "nl nld nederland nederlands nederlandse netherlands dutch holland",
    "RO": "ro rou roemenie roemeens roemeense romania romanian",
    "BG": "bg bgr bulgarije bulgaars bulgaarse bulgaria bulgarian",
    "PL": "pl pol polen pools poolse poland polish",
    "HU": "hu hun hongarije hongaars hongaarse hungary hungarian",
    "UA": "ua ukr oekraine oekraiens oekraiense ukraine ukrainian",
    "NG": "ng nga nigeria nigeriaans nigeriaanse nigerian",
    "CN": "cn chn china chinees chinese",
    "VN": "vn vnm vietnam vietnamees vietnamese",
    "MA": "ma mar marokko marokkaans marokkaanse morocco moroccan",
    "SY": "sy syr syrie syrisch syrische syria syrian",
    "ER": "er eri eritrea eritrees eritrese eritrean",
    "GR": "gr grc griekenland grieks griekse greece greek",
    "DE": "de deu duitsland duits duitse germany german",
    "BE": "be bel belgie belgisch belgische belgium belgian",
    "TR": "tr tur turkije turks turkse turkey turkish turkiye",
    "SR": "sr sur suriname surinaams surinaamse surinamese",
    "IN": "in ind india indiaas indiase indian",
    "PH": "ph phl filipijnen filipijns filipijnse philippines filipino",
    "TH": "th tha thailand thais thaise thai",
    "BR": "br bra brazilie braziliaans braziliaanse brazil brazilian",
    "AF": "af afg afghanistan afghaans afghaanse afghan",
    "SK": "sk svk slowakije slowaaks slowaakse slovakia slovak",
    "CZ": "cz cze tsjechie tsjechisch tsjechische czechia czech",
    "LT": "lt ltu litouwen litouws litouwse lithuania lithuanian",
    "MD": "md mda moldavie moldavisch moldova moldovan",
    "AL": "al alb albanie albanees albanese albania albanian",
    "ET": "et eth ethiopie ethiopisch ethiopische ethiopia ethiopian",
    "SO": "so som somalie somalisch somalische somalia somali",
    "GH": "gh gha ghana ghanees ghanese ghanaian",
    "GN": "gn gin guinee guinees guinea guinean",
    "SL": "sl sle sierra_leone sierra_leoons sierra_leonean",
    "RU": "ru rus rusland russisch russische russia russian",
    "ES": "es esp spanje spaans spaanse spain spanish",
    "FR": "fr fra frankrijk frans franse france french",
    "GB": "gb gbr uk verenigd_koninkrijk brits britse united_kingdom british",
}
_LOOKUP = {name.replace("_", " "): code for code, names in _NAMES.items() for name in names.split()}


def country_code(value: str) -> str | None:
    folded = fold(value)
    if not folded:
        return None
    return _LOOKUP.get(folded, folded.upper() if len(folded) == 2 else folded)
