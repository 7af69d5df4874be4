"""The Splink model for person records: comparisons, blocking rules, training rules.

Everything is plain SQL in Splink settings dicts, built only from the comparison columns that
``prepare`` produced, so the same model runs on DuckDB here and on Spark at scale.
"""

from __future__ import annotations

from collections.abc import Collection


def _null(*cols: str) -> dict:
    cond = " OR ".join(f'"{c}_l" IS NULL OR "{c}_r" IS NULL' for c in cols)
    return {"sql_condition": cond, "label_for_charts": "missing", "is_null_level": True}


def _level(sql: str, label: str, tf: str | None = None, tf_weight: float = 1.0) -> dict:
    level = {"sql_condition": sql, "label_for_charts": label}
    if tf:
        level["tf_adjustment_column"] = tf
        level["tf_adjustment_weight"] = tf_weight
    return level


_ELSE = {"sql_condition": "ELSE", "label_for_charts": "different"}


def _skeleton_subset() -> str:
    """Every skeleton part of the shorter name (two parts or more) is a part of the other name.

    A dropped or added name part, in any romanisation (Dmitro Gritsich, Dmytro Vladimir Gritsich).
    """
    cond = 'length("name_skel_l") <= length("name_skel_r")'
    short = f'CASE WHEN {cond} THEN "name_skel_l" ELSE "name_skel_r" END'
    long = f'CASE WHEN {cond} THEN "name_skel_r" ELSE "name_skel_l" END'
    return (f"strpos({short}, ' ') > 0 AND "
            f"list_has_all(string_split({long}, ' '), string_split({short}, ' '))")


def _typo_levels() -> list[dict]:
    """A typo, judged on the letters of the names (sorted: order- and split-free): one edit
    apart, two edits apart, or the skeletons one edit apart (a typo on top of another
    romanisation, or a name in another script): first with their letters in order, then as sorted
    letters. Four levels, weakest last, each with its own weight, adjusted for how common the
    more common of the two names is (a typo of a common name is still a common name).

    The sorted letters of consonant skeletons are often one edit apart for unrelated names
    (Sophei Kramer, Fleur Akkers: fkmrrs, fklrrs); in order they rarely are, so the same person
    written in Cyrillic, Arabic or Ethiopic and in Latin letters (Yuliia Hrytsyshyn, Юлія
    Грицишин: hrtsn l, grtsn l) no longer shares the weak weight of those chance likenesses.

    Plain edit distances on short sorted strings: as telling as comparing part by part, and
    several times cheaper than looping over the parts of both names for every pair.
    """
    distance = 'levenshtein("name_letters_l", "name_letters_r")'
    return [
        _level(f"{distance} <= 1", "a typo (letters one edit apart)", tf="name_key"),
        _level(f"{distance} <= 2", "letters two edits apart", tf="name_key"),
        _level('levenshtein("name_skel_l", "name_skel_r") <= 1', "skeletons one edit apart, letters in order",
               tf="name_skel"),
        _level('levenshtein("skel_letters_l", "skel_letters_r") <= 1', "skeletons' sorted letters one edit apart",
               tf="name_skel"),
    ]


def _name(columns: Collection[str] = ()) -> dict:
    letters = []
    if {"name_letters", "skel_letters"} <= set(columns):
        letters = [_level('"name_letters_l" = "name_letters_r"', "same letters (parts split, joined or swapped)",
                          tf="name_letters")]
    close = _typo_levels() if letters else []
    return {
        "output_column_name": "name",
        "comparison_description": "names: sorted name parts (order-free), romanisation skeleton, spelling",
        "comparison_levels": [
            _null("name_key"),
            _level('"name_key_l" = "name_key_r"', "same name", tf="name_key"),
            _level('"name_skel_l" = "name_skel_r"', "same name, other romanisation", tf="name_skel"),
            *letters,
            _level(_skeleton_subset(), "a name part more or less, any romanisation", tf="name_skel"),
            *close,
            _level('jaro_winkler_similarity("name_key_l", "name_key_r") >= 0.85', "similar name"),
            _level('"name_first_l" = "name_first_r"', "only the main name part agrees"),
            _level("list_has_any(string_split(\"name_skel_l\", ' '), string_split(\"name_skel_r\", ' '))",
                   "another name part agrees"),
            _ELSE,
        ],
    }


def _dob() -> dict:
    month_fits = (
        '"dob_year_l" = "dob_year_r" AND "dob_month_l" = "dob_month_r" '
        'AND ("dob_day_l" IS NULL OR "dob_day_r" IS NULL)'
    )
    year_fits = '"dob_year_l" = "dob_year_r" AND ("dob_month_l" IS NULL OR "dob_month_r" IS NULL)'
    return {
        "output_column_name": "date_of_birth",
        "comparison_description": "date of birth: exact, day/month swapped, partial, one typo, same year",
        "comparison_levels": [
            _null("dob_year"),
            _level('"dob_l" = "dob_r"', "same date", tf="dob"),
            _level('"dob_md_l" = "dob_md_r"', "day and month swapped"),
            _level(month_fits, "same year and month, day unknown"),
            _level('length("dob_l") = length("dob_r") AND hamming("dob_l", "dob_r") <= 1', "one digit differs"),
            _level('right("dob_md_l", 5) = right("dob_md_r", 5)', "same day and month, other year"),
            _level(year_fits, "same year, day and month unknown"),
            _level('"dob_year_l" = "dob_year_r"', "same year, other day"),
            _level('abs("dob_year_l" - "dob_year_r") <= 1', "year differs by one"),
            _ELSE,
        ],
    }


def _exact_or_typo(column: str, label: str, *, tf: bool, typo: int = 0, distance: str = "levenshtein") -> dict:
    """Exact, or (when ``typo`` > 0) one edit apart with the first ``typo`` characters equal.

    The cheap prefix test keeps the costly edit distance off almost all pairs.
    """
    levels = [_null(column), _level(f'"{column}_l" = "{column}_r"', f"same {label}", tf=column if tf else None)]
    if typo:
        levels.append(_level(
            f'substr("{column}_l", 1, {typo}) = substr("{column}_r", 1, {typo}) '
            f'AND {distance}("{column}_l", "{column}_r") <= 1',
            f"{label} with one typo",
        ))
    levels.append(_ELSE)
    return {"output_column_name": column, "comparison_description": label, "comparison_levels": levels}


def _email() -> dict:
    return {
        "output_column_name": "email",
        "comparison_description": "e-mail address",
        "comparison_levels": [
            _null("email"),
            _level('"email_l" = "email_r"', "same e-mail address"),
            _ELSE,
        ],
    }


def _location(columns: Collection[str]) -> dict | None:
    present = [c for c in ("address", "postcode", "place") if c in columns]
    if not present:
        return None
    levels = [_null(*present)] if len(present) == 1 else [
        {"sql_condition": " AND ".join(f'("{c}_l" IS NULL OR "{c}_r" IS NULL)' for c in present),
         "label_for_charts": "missing", "is_null_level": True}
    ]
    if "address" in present:
        levels.append(_level('"address_l" = "address_r"', "same address", tf="address"))
    if "postcode" in present:
        levels.append(_level('"postcode_l" = "postcode_r"', "same postcode"))
    if "place" in present:
        levels.append(_level('"place_l" = "place_r"', "same place"))
    levels.append(_ELSE)
    return {"output_column_name": "location", "comparison_description": "address, postcode, place",
            "comparison_levels": levels}


def comparisons(columns: Collection[str]) -> list[dict]:
    """The comparisons that the available comparison columns allow, strongest first."""
    out: list[dict] = []
    if "name_key" in columns:
        out.append(_name(columns))
    if "dob_year" in columns:
        out.append(_dob())
    if "document_number" in columns:
        out.append(_exact_or_typo("document_number", "document number", tf=False, typo=2,
                                   distance="damerau_levenshtein"))
    if "phone" in columns:
        out.append(_exact_or_typo("phone", "phone number", tf=True, typo=6))
    if "email" in columns:
        out.append(_email())
    if "sex" in columns:
        out.append(_exact_or_typo("sex", "sex", tf=False))
    if "nationality" in columns:
        out.append(_exact_or_typo("nationality", "nationality", tf=False))
    location = _location(columns)
    if location:
        out.append(location)
    return out


def blocking_rules(columns: Collection[str]) -> list[str]:
    """Blocking rules that together find nearly every true pair while keeping blocks small.

    Each rule is an equi-join; the ``block_*`` columns are precomputed keys (see ``blocking``).
    """
    candidates = [
        ("phone",), ("document_number",), ("email",),
        ("block_name_year",), ("block_letters_year",), ("block_skel_year",), ("block_skel_daymonth",), ("block_skel_postcode",),
        ("block_dob_initial",), ("block_first_year",),
        ("block_last_year",), ("block_rare_name",),
        ("block_rare_skel",), ("block_dob_nationality",), ("block_rare_address",), ("block_rare_dob",),
    ]
    rules = []
    for cols in candidates:
        if all(c in columns for c in cols):
            rules.append(" AND ".join(f'l."{c}" = r."{c}"' for c in cols))
    return rules


def training_rules(columns: Collection[str]) -> list[list[str]]:
    """EM blocking rules: each yields mostly true pairs and leaves the other comparisons free.

    The same date of birth estimates the name and contact fields; a shared identifier (phone,
    document, e-mail) estimates the date of birth. Blocking on a name alone is avoided where
    anything else will do: for common names such blocks are mostly different people and EM then
    learns the wrong thing. Each round is a list of alternatives, tried in order until one finds
    pairs (a phone column may be there and still be empty).
    """
    rounds = []
    if "dob" in columns:
        rounds.append(['l."dob" = r."dob"'])
    second = [f'l."{c}" = r."{c}"' for c in ("phone", "document_number", "email") if c in columns]
    if {"name_skel", "postcode"} <= set(columns):
        second.append('l."name_skel" = r."name_skel" AND l."postcode" = r."postcode"')
    if "name_key" in columns:
        second.append('l."name_key" = r."name_key"')
    if second:
        rounds.append(second)
    return rounds


def sanitise(model: dict, *, floor: float = 1e-3, u_default: float = 1e-6) -> dict:
    """Keep every level's m and u away from 0 and fill levels that training never saw.

    With m = 0 a single disagreeing field (a wrongly registered nationality) would veto any
    match; a level without u (too rare among random pairs) would be ignored. Agreement on sex
    and nationality is made neutral (u = m): both follow from the name, so counting them again
    would double the name's evidence; disagreement still counts against a match.
    """
    neutral = {c["output_column_name"] for c in model["comparisons"]} & {"sex", "nationality"}
    for comparison in model["comparisons"]:
        for i, level in enumerate(comparison["comparison_levels"]):
            if level.get("is_null_level"):
                continue
            m = level.get("m_probability")
            u = level.get("u_probability")
            level["m_probability"] = max(floor, m if m is not None else floor)
            level["u_probability"] = max(u_default, u if u is not None else u_default)
            if comparison["output_column_name"] in neutral and i == 1:
                level["u_probability"] = level["m_probability"]
    return model


def deterministic_rules(columns: Collection[str]) -> list[str]:
    """Rules that admit almost no false matches, for the prior probability of a match."""
    rules = []
    if {"name_key", "dob"} <= set(columns):
        rules.append('l."name_key" = r."name_key" AND l."dob" = r."dob"')
    if {"name_skel", "phone"} <= set(columns):
        rules.append('l."name_skel" = r."name_skel" AND l."phone" = r."phone"')
    if {"name_skel", "document_number"} <= set(columns):
        rules.append('l."name_skel" = r."name_skel" AND l."document_number" = r."document_number"')
    return rules


def settings_dict(columns: Collection[str], *, link_type: str = "dedupe_only") -> dict:
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons(columns),
        "blocking_rules_to_generate_predictions": blocking_rules(columns),
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": True,
        "max_iterations": 20,
        "em_convergence": 0.001,
    }
