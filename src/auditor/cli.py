"""Command line: `auditor scan`, `auditor rules list`, `auditor rules explain CODE`.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or configuration
error (a bad flag, a missing path, a bad config file, --reveal in CI). An unreadable document is a
finding, not exit 2.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__, baseline, cache, changes, nlp, redact, suppressions
from .annual import ReportSettings
from .config import ERAS, FAIL_ON, ConfigError, check_rule_selector, find_config, load_config, month_day
from .findings import SEVERITY_RANK
from .outputs import BINARY, FORMATS, Options, render
from .readers import PathNotFound
from .rulepacks import load_rules
from .scan import NAME_DETECTORS, Selection, canonical, scan_document, scan_paths

USAGE_ERROR = 2


def _fail(message: str) -> None:
    click.echo(f"auditor: {message}", err=True)
    sys.exit(USAGE_ERROR)


def pair_formats(args: list[str]) -> list[list[str | None]]:
    """[[format, output-or-None], ...] in command-line order: each --output belongs to the --format
    just before it. Without any --format, one --output is the text report's file. Anything else
    (an --output before its --format, two for one format) is a usage error, not a guess."""
    options: list[tuple[str, str | None]] = []
    it = iter(args)
    for arg in it:
        if arg == "--":
            break
        name, _, inline = arg.partition("=")
        if arg[:2] in ("-f", "-o") and len(arg) > 2:  # glued short option: -fjson, -oout.sarif
            name, inline = arg[:2], arg[2:]
        if name in ("--format", "-f", "--output", "-o"):
            value = inline if inline or "=" in arg else next(it, None)
            options.append(("format" if name in ("--format", "-f") else "output", value))
    if not any(kind == "format" for kind, _ in options):
        outputs = [value for _, value in options]
        if len(outputs) > 1:
            raise click.UsageError("多个 --output 需各自跟在一个 --format 之后 (each --output follows its --format)")
        return [["text", outputs[0] if outputs else None]]
    pairs: list[list[str | None]] = []
    for kind, value in options:
        if kind == "format":
            pairs.append([value, None])
        elif pairs and pairs[-1][1] is None:
            pairs[-1][1] = value
        else:
            raise click.UsageError(f"--output {value} 前没有对应的 --format (each --output must follow its --format)")
    return pairs


class ScanCommand(click.Command):
    """Keeps the order of --format/--output so each output file goes with its format."""

    def parse_args(self, ctx, args):
        try:
            ctx.meta["auditor.outputs"] = pair_formats(list(args))
        except click.UsageError as e:
            e.ctx = ctx
            raise
        return super().parse_args(ctx, args)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main():
    """auditor：政府信息公开文件发布前的个人信息泄露与合规检查。

    Finds leaked personal data in drafted Chinese government disclosure documents.
    """


@main.command(cls=ScanCommand, epilog="Exit codes: 0 nothing at or above --fail-on; 1 findings at or "
              "above it; 2 usage or configuration error. An unreadable document is a finding (DOC rules).")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "-f", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output format; repeat with --output for several outputs in one run. Default: text.")
@click.option("--output", "-o", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="File for the preceding --format (default: standard output).")
@click.option("--include", multiple=True, help="Only scan files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip files matching this glob (repeatable).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding at or above this severity exists. Default: error.")
@click.option("--select", multiple=True, help="Only run these rules (codes or prefixes, e.g. PII001, PII).")
@click.option("--ignore", multiple=True, help="Do not run these rules (codes or prefixes).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language. Default: zh.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: auditor.toml, .auditor.toml or [tool.auditor] in "
                   "pyproject.toml, searched upward from the scanned paths).")
@click.option("--no-names", is_flag=True, help="Skip names, addresses and birth dates (numbers only: the "
                                               "fast path, no NLP).")
@click.option("--explain", is_flag=True, help="Text output: show the evidence and confidence of each finding.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Report only findings not in this baseline (see `auditor baseline`); needs "
                   "$AUDITOR_BASELINE_KEY.")
@click.option("--changed-since", "changed_since", default=None, metavar="REV",
              help="Only documents added, modified or renamed since this git revision (other annual "
                   "reports are still read for the cross-year checks).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of unchanged documents' "
                                               "results (~/.cache/auditor/results).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the text "
                                                  "report (the same as --format statistics).")
@click.option("--era", type=click.Choice(ERAS), default=None,
              help="Annual reports: check against this format (2007 条例, 2019 trial format, 2021 format) "
                   "instead of the one the report year implies.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for a large batch.")
@click.option("--reveal", is_flag=True, help="Show raw values instead of masks (local debugging only; "
                                             "refused when the CI environment variable is set).")
@click.pass_context
def scan(ctx, paths, formats, outputs, include, exclude, fail_on, select, ignore, lang, config_path, no_names,
         explain, baseline_path, changed_since, no_cache, statistics, era, jobs, reveal):
    """Scan files or folders (recursively) for leaked personal data; annual reports also against the
    条例 and the report format."""
    if reveal and os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        _fail("--reveal 在 CI 环境中被拒绝：CI 日志常常是公开的 (--reveal is refused when CI is set)")
    rules, config, selection = _prepare(paths, select, ignore, config_path, no_names, era)
    pairs = ctx.meta.get("auditor.outputs") or [["text", None]]
    if statistics:  # the counts instead of the text report, or on the terminal beside the files asked for
        pairs = [["statistics", pairs[0][1]]] if not formats else pairs + [["statistics", None]]
    if sum(1 for _, out in pairs if out is None) > 1:
        _fail("只有一种格式可以输出到标准输出，请为其他格式指定 --output (only one format can go to stdout)")
    if any(fmt in BINARY and out is None for fmt, out in pairs):
        _fail("xlsx 需要用 --output 指定文件 (xlsx needs --output FILE)")
    ignore_file = _ignore_file(config)
    secret = _baseline_key() if baseline_path or ignore_file else None  # before the scan: fail fast
    only = _changed(changed_since, paths) if changed_since else None
    use_cache = not (no_cache or reveal)  # the cache keeps masked values only: --reveal scans afresh
    result = _run(paths, include, exclude, config, selection, jobs, only, cache.default_dir() if use_cache else None)
    if ignore_file:
        _apply_baseline(result, ignore_file, secret, rules, selection, need_reason=True)
    if baseline_path:
        _apply_baseline(result, Path(baseline_path), secret, rules, selection)
    options = Options(lang=lang or config.lang or "zh", reveal=reveal, explain=explain)
    for fmt, out in pairs:
        text = render(fmt, result, options)
        if out is None:
            click.echo(text, nl=False)
        else:
            try:
                if isinstance(text, bytes):
                    Path(out).write_bytes(text)
                else:
                    Path(out).write_text(text, encoding="utf-8")
            except OSError as e:
                _fail(f"无法写入 {out}：{e.strerror} (cannot write output)")
    threshold = fail_on or config.fail_on or "error"
    if threshold != "never" and result.worst() >= SEVERITY_RANK[threshold]:
        sys.exit(1)


def _prepare(paths, select, ignore, config_path, no_names, era):
    """Rules, configuration and the selection they make with the command line (exit 2 on an error)."""
    rules = load_rules()
    try:
        config = load_config(Path(config_path) if config_path else find_config(list(paths)), rules)
        for selector in (*select, *ignore):
            check_rule_selector(selector, rules, "--select/--ignore")
    except ConfigError as e:
        _fail(str(e))
    chosen = list(select) or config.select
    selection = _selection(rules, chosen + config.extend_select if chosen else [], list(ignore) + config.ignore,
                           config.severity, config.allow)
    selection.per_file_ignores = tuple((glob, tuple(c.upper() for c in codes))
                                       for glob, codes in config.per_file_ignores.items())
    selection.person_model = config.person_model
    selection.report = ReportSettings(era=era or config.era, township_deadline=(
        month_day(config.township_deadline) if config.township_deadline else None))
    if config.person_model and not no_names:
        try:
            nlp.user_model(config.person_model)
        except Exception as e:  # noqa: BLE001 - spaCy raises OSError, ImportError or ValueError
            _fail(f"{config.path}: `person-model` = {config.person_model!r} 无法加载 (cannot be loaded): {e}")
    if no_names:
        selection.codes -= {r.code for r in rules if r.detector in NAME_DETECTORS}
    nlp.FREEZE_AFTER_LOAD = True  # a one-shot process: the NLP's objects live until it exits
    return rules, config, selection


def _run(paths, include, exclude, config, selection, jobs, only=None, cache_dir=None):
    try:
        result = scan_paths(paths, list(include) + config.include, list(exclude) + config.exclude, selection,
                            jobs=jobs, respect_gitignore=config.respect_gitignore, only=only, cache_dir=cache_dir)
    except PathNotFound as e:
        _fail(str(e))
    if not result.documents and only is None:
        _fail("没有找到可检查的文件 (no document found under the given paths)")
    return result


def _changed(revision: str, paths) -> set[str]:
    try:
        return changes.changed_since(revision, Path(paths[0]) if Path(paths[0]).is_dir() else Path(paths[0]).parent)
    except changes.ChangesError as e:
        _fail(f"--changed-since {revision}: {e}")


def _baseline_key() -> bytes:
    try:
        return baseline.key()
    except baseline.BaselineError as e:
        _fail(str(e))


def _ignore_file(config) -> Path | None:
    """The configured ignore file (relative to its configuration file); exit 2 if it is missing."""
    if not config.ignore_file:
        return None
    path = Path(config.ignore_file)
    if not path.is_absolute() and config.path is not None:
        path = config.path.parent / path
    if not path.is_file():
        _fail(f"{config.path}: `ignore-file` = {config.ignore_file!r} 不存在 (not found: {path})")
    return path


def _apply_baseline(result, path: Path, secret: bytes, rules, selection, need_reason: bool = False) -> None:
    """Findings the baseline (or ignore file) accepts are reported as suppressed (SARIF); its stale
    entries are findings on their files (SUP002), or notes when the file is gone."""
    try:
        entries = baseline.read(path, need_reason)
    except baseline.BaselineError as e:
        _fail(str(e))
    by_uri = {d.document.uri: d for d in result.documents}
    for entry in baseline.apply(result, entries, secret):
        doc = by_uri.get(entry["file"])
        if doc is None:
            result.notes.append(f"基线条目所指的文件已不存在：{entry['file']}（{entry['rule']}），可从基线中删除 "
                                f"(baseline entry for a file that no longer exists)")
            continue
        finding = suppressions.stale_finding(doc.document, entry, rules, selection)
        if finding is not None:
            doc.findings.append(finding)


@main.command("redact", epilog="Exit codes: 0 every document redacted and verified; 1 a document could "
              "not be (named with the reason); 2 usage or configuration error.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-dir", "-d", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Where the masked copies go, at the same relative paths (never over an input).")
@click.option("--min-level", type=click.Choice(["warning", "error"]), default="warning", show_default=True,
              help="Mask what scan reports at this severity or above.")
@click.option("--name-style", type=click.Choice(["stars", "mou"]), default="stars", show_default=True,
              help="Names as 张** (stars) or 张某 (mou).")
@click.option("--dry-run", is_flag=True, help="List what would be masked; write nothing.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--include", multiple=True, help="Only files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip files matching this glob (repeatable).")
@click.option("--select", multiple=True, help="Only these rules (codes or prefixes).")
@click.option("--ignore", multiple=True, help="Not these rules (codes or prefixes).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Configuration file.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language. Default: zh.")
def redact_command(paths, out_dir, min_level, name_style, dry_run, fmt, include, exclude, select, ignore,
                   config_path, lang):
    """Write a publishable masked copy of each document (the inputs are never changed)."""
    refused = redact.refused_output(Path(out_dir), paths)
    if refused:
        _fail(refused)
    rules, config, selection = _prepare(paths, select, ignore, config_path, False, None)
    selection.codes = {c for c in selection.codes if c.startswith("PII")} | {"DOC001"}
    result = _run(paths, include, exclude, config, selection, 1)
    for d in result.documents:  # a relative path that leads back onto an input is refused too
        if os.path.realpath(Path(out_dir) / d.document.uri.lstrip("/")) == os.path.realpath(d.document.path):
            _fail(f"输出 {d.document.uri} 会覆盖输入 (the copy would overwrite its input)")

    def scan(document):
        return scan_document(document, rules, selection)
    outcomes = redact.redact(result, Path(out_dir), min_level, name_style, dry_run, scan)
    click.echo(_redaction_summary(outcomes, fmt, (lang or config.lang or "zh") == "zh", dry_run), nl=False)
    if any(not o.ok for o in outcomes):
        sys.exit(1)


def _redaction_summary(outcomes, fmt: str, zh: bool, dry_run: bool) -> str:
    if fmt == "json":
        import json

        return json.dumps({"dry_run": dry_run, "documents": [
            {"uri": o.uri, "output": None if dry_run or not o.ok else str(o.target), "ok": o.ok, "error": o.error,
             "masked": [{"where": m.where, "rule": m.rule, "mask": m.mask} for m in o.masked], "notes": o.notes}
            for o in outcomes]}, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for o in outcomes:
        head = ("将脱敏" if dry_run else "已脱敏") if zh else ("would mask" if dry_run else "masked")
        lines.append(f"{o.uri}: " + (o.error or (f"{head} {len(o.masked)} 处" if zh else f"{head} {len(o.masked)}")))
        lines += [f"  {m.where}  {m.rule}  {m.mask}" for m in o.masked]
        lines += [f"  ! {note}" for note in o.notes]
    done = sum(1 for o in outcomes if o.ok)
    lines.append(f"共 {len(outcomes)} 个文件，{done} 个完成" if zh else f"{len(outcomes)} document(s), {done} done")
    return "\n".join(lines) + "\n"


@main.command("baseline", epilog=f"The file holds rule, file and a keyed hash (HMAC-SHA256 with "
              f"${baseline.KEY_ENV}) of each finding: no value, no unkeyed hash of one.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default="auditor-baseline.json",
              show_default=True, help="The baseline file to write.")
@click.option("--include", multiple=True, help="Only scan files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip files matching this glob (repeatable).")
@click.option("--select", multiple=True, help="Only record these rules (codes or prefixes).")
@click.option("--ignore", multiple=True, help="Do not record these rules (codes or prefixes).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Configuration file.")
@click.option("--no-names", is_flag=True, help="Skip names, addresses and birth dates.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--reason", default="", help="Write this reason on every entry: an ignore file (config "
                                           "`ignore-file`) needs one on each.")
def baseline_command(paths, output, include, exclude, select, ignore, config_path, no_names, jobs, reason):
    """Record today's findings as accepted: `auditor scan --baseline FILE` then reports only new ones."""
    secret = _baseline_key()
    _, config, selection = _prepare(paths, select, ignore, config_path, no_names, None)
    result = _run(paths, include, exclude, config, selection, jobs)
    try:
        n = baseline.write(result, Path(output), secret, reason.strip())
    except OSError as e:
        _fail(f"无法写入 {output}：{e.strerror} (cannot write the baseline)")
    click.echo(f"已记录 {n} 条基线（{len(result.findings)} 个发现）：{output} "
               f"({n} baseline entries for {len(result.findings)} findings)")


def _selection(rules, select, ignore, severity, allow=()) -> Selection:
    codes = {r.code for s in select for r in rules.matching(s)} if select else {r.code for r in rules}
    codes -= {r.code for s in ignore for r in rules.matching(s)}
    return Selection(codes, dict(severity), frozenset(canonical(v) for v in allow))


@main.group()
def rules():
    """List the rules or explain one."""


@rules.command("list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def rules_list(lang):
    """All rules: code, severity, name and what they find."""
    for r in load_rules():
        click.echo(f"{r.code}  {r.severity:<7}  {r.name:<30}  {r.text('summary', lang)}")


def _example(example, zh: bool, indent: str = "  ") -> str:
    """One example: a text, a named document ({file, text}), or a list of them scanned together (a
    batch, for the cross-year rules)."""
    if isinstance(example, list):
        return "\n".join(indent + ("（同一批次第 {} 个文件）" if zh else "(file {} of one batch)").format(i + 1) + "\n"
                         + _example(item, zh, indent + "  ") for i, item in enumerate(example))
    if isinstance(example, dict):
        return f"{indent}({example['file']})\n" + _example(example["text"], zh, indent)
    return indent + example.replace("\n", "\n" + indent + "  ")


def _implemented_in(rule) -> str:
    if rule.category == "pii":
        return f"auditor/detectors/{rule.detector}.py"
    if rule.detector == "annual_report":
        return "auditor/annual/ (data: rules/report-format.yaml)"
    if rule.detector == "suppression":
        return "auditor/suppressions.py, auditor/baseline.py"
    return "auditor/readers/"


@rules.command("explain")
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def rules_explain(code, lang):
    """What a rule finds, why (its legal or technical basis), examples and how to fix."""
    rule = load_rules().by_code.get(code.upper())
    if rule is None:
        _fail(f"未知规则代码 {code} (unknown rule code); see `auditor rules list`")
    zh = lang == "zh"
    lines = [f"{rule.code} {rule.name}  [{rule.severity}]", "",
             rule.text("summary", lang), "",
             ("依据：" if zh else "Basis: ") + rule.basis, "",
             ("如何修改：" if zh else "How to fix: ") + rule.text("fix", lang)]
    for kind, title in (("fail", "会报告的例子" if zh else "Reported"), ("pass", "不会报告的例子" if zh else "Not reported")):
        if rule.examples.get(kind):
            lines += ["", title + ("：" if zh else ":")] + [_example(x, zh) for x in rule.examples[kind]]
    lines += ["", ("实现：" if zh else "Implemented in: ") + _implemented_in(rule)]
    click.echo("\n".join(lines))
