"""``keten screen``: screen answers against indicator frameworks of human trafficking.

    keten screen frameworks [--json]
    keten screen --framework ID --answers FILE.json [--rule-set ID] [--org-type CODE] [--json]
    keten screen rule-sets | vignettes [--json]
    keten screen compare VIGNETTE --answers FILE.json [--json]
    keten screen validate [DIRECTORY]

The answers file is ``{"present": [ids], "absent": [ids], "unknown": [ids]}`` ("absent" and
"unknown" optional; "-" reads standard input). Errors (unknown framework or indicator, bad
answers file) print one message and exit with code 2.
"""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

import click

from keten.engines import screening

ANSWER_KEYS = ("present", "absent", "unknown")

LABELS = {
    "nl": {"framework": "Indicatorenlijst", "rule_set": "Regelset", "dim": "Dim",
           "positive": "Positief", "rule": "Regel", "indicators": "Indicatoren", "yes": "ja",
           "no": "nee", "outcome": "Uitkomst", "victim": "mogelijk slachtoffer (screening)",
           "not_victim": "combinatieregel niet vervuld (screening)", "steps": "Volgende stappen",
           "unverified": "deels niet geverifieerd", "own": "eigen regelset van Keten"},
    "en": {"framework": "Framework", "rule_set": "Rule set", "dim": "Dim",
           "positive": "Positive", "rule": "Rule", "indicators": "Indicators", "yes": "yes",
           "no": "no", "outcome": "Outcome", "victim": "possible victim (screening)",
           "not_victim": "combination rule not met (screening)", "steps": "Next steps",
           "unverified": "partly unverified", "own": "Keten's own rule set"},
}


class ScreenUsageError(click.ClickException):
    """An error in what was asked: one message, exit code 2, no traceback."""

    exit_code = 2


def _fail(exc: Exception) -> ScreenUsageError:
    return ScreenUsageError(str(exc))


def read_answers(path: str) -> dict[str, list[str]]:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise ScreenUsageError(f"cannot read answers file {path!r}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScreenUsageError(f"answers file {path!r} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ScreenUsageError(f"answers file {path!r} must hold a JSON object with the keys "
                               f"{', '.join(ANSWER_KEYS)}")
    extra = sorted(set(data) - set(ANSWER_KEYS))
    if extra:
        raise ScreenUsageError(f"answers file {path!r} has unknown keys {', '.join(map(repr, extra))} "
                               f"(allowed: {', '.join(ANSWER_KEYS)})")
    answers = {}
    for key in ANSWER_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ScreenUsageError(f"answers file {path!r}: {key!r} must be a list of indicator ids")
        answers[key] = value
    return answers


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _print_outcome(outcome: screening.Outcome, steps: list | None, lang: str) -> None:
    t = LABELS[lang]
    framework = screening.load_framework(f"{outcome.framework}@{outcome.framework_version}")
    rule_set = screening.load_rule_set(f"{outcome.rule_set}@{outcome.rule_set_version}")
    notes = [] if framework.verified else [t["unverified"]]
    click.echo(f"{t['framework']}: {framework.id} {framework.version} - {framework.title[lang]}"
               + (f" ({', '.join(notes)})" if notes else ""))
    rs_notes = ([] if rule_set.published else [t["own"]]) + ([] if rule_set.verified else [t["unverified"]])
    click.echo(f"{t['rule_set']}: {rule_set.id} {rule_set.version} - {rule_set.title[lang]}"
               + (f" ({', '.join(rs_notes)})" if rs_notes else ""))
    click.echo("")
    click.echo(f"{t['dim']:<6}{t['positive']:<10}{'S':>3}{'M':>3}{'W':>3}  {t['rule']:<14}{t['indicators']}")
    for dim_id, r in outcome.dimensions.items():
        click.echo(f"{dim_id:<6}{t['yes'] if r.positive else t['no']:<10}{r.strong:>3}{r.medium:>3}"
                   f"{r.weak:>3}  {r.clause or '-':<14}{', '.join(r.indicators) or '-'}")
    click.echo("")
    click.echo(f"{t['outcome']}: {t['victim'] if outcome.victim else t['not_victim']}")
    click.echo("")
    click.echo(_wrap(outcome.explanation[lang]))
    if steps is not None:
        click.echo("")
        click.echo(f"{t['steps']}:")
        for i, step in enumerate(steps, 1):
            contact = f" [{step.contact}]" if step.contact else ""
            click.echo(_wrap(f"{i}. {step.text[lang]}{contact}"))


@click.group(name="screen", invoke_without_command=True)
@click.option("--framework", "framework_id", metavar="ID", help="Framework to screen against (see `keten screen frameworks`).")
@click.option("--answers", metavar="FILE.json", help='Answers: {"present": [ids], "absent": [ids], "unknown": [ids]}; "-" reads stdin.')
@click.option("--rule-set", "rule_set_id", metavar="ID", help="Rule set to use instead of the framework's default.")
@click.option("--org-type", metavar="CODE", help="Also give the next steps for this organisation type (police, doctor, veilig_thuis, ...).")
@click.option("--minor/--adult", "minor", default=None, help="Whether the person is a minor (for the next steps; default: from the framework).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Language of the text output.")
@click.pass_context
def command(ctx: click.Context, framework_id: str | None, answers: str | None, rule_set_id: str | None,
            org_type: str | None, minor: bool | None, as_json: bool, lang: str) -> None:
    """Screen answers against indicator frameworks of trafficking (a screening, not a legal finding)."""
    if ctx.invoked_subcommand is not None:
        if framework_id or answers:
            raise ScreenUsageError("--framework and --answers go without a subcommand")
        return
    if framework_id is None:
        if answers:
            raise ScreenUsageError("--answers needs --framework")
        click.echo(ctx.get_help())
        return
    if answers is None:
        raise ScreenUsageError("--framework needs --answers FILE.json")
    given = read_answers(answers)
    try:
        outcome = screening.screen(framework_id, given["present"], given["absent"], given["unknown"],
                                   rule_set=rule_set_id)
        steps = screening.next_steps(org_type, outcome, minor=minor) if org_type else None
    except screening.ScreeningError as exc:
        raise _fail(exc) from None
    if as_json:
        data = outcome.to_dict()
        if steps is not None:
            data["next_steps"] = {"org_type": org_type, "steps": [s.to_dict() for s in steps]}
        _echo_json(data)
    else:
        _print_outcome(outcome, steps, lang)


@command.command("frameworks")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--full", is_flag=True, help="With the text, source and reliability of each indicator.")
def frameworks_command(as_json: bool, full: bool) -> None:
    """List the indicator frameworks with their indicators (id, dimension, strength)."""
    frameworks = screening.list_frameworks()
    if as_json:
        _echo_json([f.to_dict(full=full) for f in frameworks])
        return
    for f in frameworks:
        mark = "" if f.verified else "  [verified: false]"
        click.echo(f"{f.id} {f.version}  {f.title.en}{mark}")
        click.echo(f"    population {f.population}; default rule set {f.default_rule_set}; "
                   f"{len(f.indicators)} indicators")
        for d in f.dimensions:
            items = [i for i in f.indicators if i.dimension == d.id]
            counts = {s: sum(i.strength == s for i in items) for s in ("strong", "medium", "weak")}
            click.echo(f"    {d.id:<6}{d.name.en:<74} S{counts['strong']:>3} M{counts['medium']:>3} "
                       f"W{counts['weak']:>3}")


@command.command("rule-sets")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def rule_sets_command(as_json: bool) -> None:
    """List the rule sets and the frameworks they apply to."""
    rule_sets = screening.list_rule_sets()
    if as_json:
        _echo_json([r.to_dict() for r in rule_sets])
        return
    for r in rule_sets:
        kind = "published" if r.published else "Keten's own"
        mark = "" if r.verified else ", verified: false"
        click.echo(f"{r.id} {r.version}  {r.title.en} ({kind}{mark})")
        click.echo(f"    applies to {', '.join(r.applies_to)}")
        click.echo(_wrap(f"victim rule: {r.victim_text.en}", "    "))


@command.command("vignettes")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (without the expert answers).")
def vignettes_command(as_json: bool) -> None:
    """List the fictional training vignettes."""
    items = screening.vignettes()
    if as_json:
        _echo_json([v.to_dict() for v in items])
        return
    for v in items:
        click.echo(f"{v.id:<30}{v.framework:<26}{v.form:<16}{v.sex:<8}{v.age:>3}  {v.title.en}")


@command.command("compare")
@click.argument("vignette_id")
@click.option("--answers", required=True, metavar="FILE.json", help="The trainee's answers.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def compare_command(vignette_id: str, answers: str, as_json: bool) -> None:
    """Compare a trainee's answers on a vignette with the expert answers."""
    given = read_answers(answers)
    try:
        result = screening.compare_with_expert(vignette_id, given["present"], given["absent"],
                                               given["unknown"])
    except screening.ScreeningError as exc:
        raise _fail(exc) from None
    data = result.to_dict()
    if as_json:
        _echo_json(data)
        return
    click.echo(f"{vignette_id}: agreement {data['agreement']:.0%}; outcome "
               f"{'differs' if data['outcome_differs'] else 'same'} "
               f"(expert: victim {data['expert']['victim']}, positive {data['expert']['positive']}; "
               f"you: victim {data['trainee']['victim']}, positive {data['trainee']['positive']})")
    if data["missed"]:
        click.echo(f"missed: {', '.join(data['missed'])}")
    if data["extra"]:
        click.echo(f"marked present, expert did not: {', '.join(data['extra'])}")


@command.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False, exists=True))
def validate_command(directory: str | None) -> None:
    """Validate the screening data files (default: the shipped data); exit 1 on problems."""
    problems = screening.validate_data(directory)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo("screening data files are valid")
