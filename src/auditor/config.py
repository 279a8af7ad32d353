"""Configuration: `[tool.auditor]` in pyproject.toml, or auditor.toml / .auditor.toml.

Found by searching upward from the first scanned path (then the working directory); `--config FILE`
overrides the search; command-line flags override the file. Validated strictly: an unknown key, an
unknown rule code or a wrong type is an error naming the file and the key (exit 2).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .rulepacks import SEVERITIES, RuleSet

FAIL_ON = ("error", "warning", "note", "never")
CONFIG_NAMES = ("auditor.toml", ".auditor.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem, worded for the user: file, key and reason."""


@dataclass
class Config:
    path: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: str | None = None
    lang: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    allow: list[str] = field(default_factory=list)
    person_model: str | None = None
    era: str | None = None
    township_deadline: str | None = None
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    respect_gitignore: bool = True
    ignore_file: str | None = None


ERAS = ("2007", "2019", "2021")  # annual-report formats (rules/report-format.yaml `eras`)

# key -> (attribute, expected type, allowed values or None)
_KEYS = {
    "select": ("select", list, None),
    "extend-select": ("extend_select", list, None),  # added to select (or to every rule)
    "per-file-ignores": ("per_file_ignores", dict, None),  # glob -> codes or prefixes not run on those files
    "respect-gitignore": ("respect_gitignore", bool, None),  # skip what .gitignore files ignore (default true)
    # accepted findings with a reason each (auditor baseline --reason), keyed like a baseline; a path
    # relative to this configuration file
    "ignore-file": ("ignore_file", str, None),
    "ignore": ("ignore", list, None),
    "include": ("include", list, None),
    "exclude": ("exclude", list, None),
    "fail-on": ("fail_on", str, FAIL_ON),
    "lang": ("lang", str, ("zh", "en")),
    "severity": ("severity", dict, None),
    # values known to be public (an office's published hotline or mailbox): never findings. Only for
    # numbers that are public anyway: this file is committed in clear text.
    "allow": ("allow", list, None),
    # a spaCy pipeline of the user's own (installed package name or folder) whose PERSON entities
    # are combined with auditor's name rules; it runs on the sentences the rules pick out
    "person-model": ("person_model", str, None),
    # annual reports: check every report against this format instead of the one its year implies
    "era": ("era", str, ERAS),
    # annual reports of 乡镇/街道 are due by this month-day ("03-31"); default: as governments (derived)
    "township-deadline": ("township_deadline", str, None),
}


def month_day(text: str) -> tuple[int, int] | None:
    """"03-31" -> (3, 31); None if it is not a day of the year."""
    import datetime as dt

    try:
        day = dt.datetime.strptime(f"2024-{text}", "%Y-%m-%d")  # a leap year: 02-29 is allowed
    except ValueError:
        return None
    return day.month, day.day


def find_config(start_paths: list[str]) -> Path | None:
    starts = [Path(p).resolve() for p in start_paths] + [Path.cwd()]
    for start in starts:
        folder = start if start.is_dir() else start.parent
        for candidate in [folder, *folder.parents]:
            for name in CONFIG_NAMES:
                path = candidate / name
                if path.is_file() and (name != "pyproject.toml" or _has_tool_section(path)):
                    return path
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "auditor" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def load_config(path: Path | None, rules: RuleSet) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: 配置文件不存在 (config file not found)")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
        raise ConfigError(f"{path}: 无法解析 TOML (cannot parse TOML): {e}")
    table = data.get("tool", {}).get("auditor", {}) if path.name == "pyproject.toml" else data
    prefix = "tool.auditor." if path.name == "pyproject.toml" else ""
    config = Config(path=path)
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: 未知配置项 `{prefix}{key}` (unknown key); "
                              f"可用 (known): {', '.join(sorted(_KEYS))}")
        attr, kind, allowed = _KEYS[key]
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: `{prefix}{key}` 类型错误 (wrong type): expected "
                              f"{'a list of strings' if kind is list else kind.__name__}")
        if allowed and value not in allowed:
            raise ConfigError(f"{path}: `{prefix}{key}` = {value!r} 不是允许的值 (not one of) {', '.join(allowed)}")
        setattr(config, attr, value)
    for key in ("select", "extend_select", "ignore"):
        for code in getattr(config, key):
            check_rule_selector(code, rules, f"{path}: `{prefix}{key.replace('_', '-')}`")
    for glob, codes in config.per_file_ignores.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(f"{path}: `{prefix}per-file-ignores.\"{glob}\"` 类型错误 (wrong type): expected a list of rule codes")
        for code in codes:
            check_rule_selector(code, rules, f"{path}: `{prefix}per-file-ignores.\"{glob}\"`")
    if config.township_deadline is not None and month_day(config.township_deadline) is None:
        raise ConfigError(f"{path}: `{prefix}township-deadline` = {config.township_deadline!r} "
                          f"不是月-日 (not a month-day such as \"03-31\")")
    for code, level in config.severity.items():
        check_rule_selector(code, rules, f"{path}: `{prefix}severity`")
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: `{prefix}severity.{code}` = {level!r} 不是 (not one of) {', '.join(SEVERITIES)}")
    return config


def check_rule_selector(selector: str, rules: RuleSet, where: str) -> None:
    if not rules.matching(selector):
        raise ConfigError(f"{where}: 未知规则代码 `{selector}` (unknown rule code or prefix)")
