"""One table of settings, read from (highest first) flags, environment, a config file, defaults.

Environment variables are `CLAIMGRAPH_<NAME>` upper-cased; the config file is TOML
(`./claimgraph.toml`, or the path in `CLAIMGRAPH_CONFIG`) with the names below as top-level keys.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from claimgraph.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"choose one of {', '.join(allowed)}")
    return value


def _device(value: str) -> str:
    if value in {"cpu", "auto", "cuda"} or re.fullmatch(r"cuda:\d+", value):
        return value
    raise ValueError("choose cpu, auto, cuda or cuda:N")


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise ValueError("must be at least 1")
    return n


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "claimgraph.db", "The store: a SQLite file, or a postgresql:// URL."),
    Setting("model", "auto", "spaCy pipeline to load: a package name, or 'auto' for the best installed English one."),
    Setting("attribution", "auto", "Who-said-what extractor: 'tagger' (learned, needs the ml extra), 'rules', "
            "or 'auto' (the tagger when installed).", lambda v: _choice(v, ("auto", "tagger", "rules"))),
    Setting("device", "cpu", "Where the attribution tagger runs: 'cpu', 'cuda' or 'cuda:N' (a GPU torch can see), or "
            "'auto' (the first GPU when there is one). Nothing needs a GPU.", _device),
    Setting("batch_size", 16, "Articles parsed per spaCy batch during ingest.", _positive_int),
    Setting("processes", 1, "Worker processes that extract (ingest, extract); each loads the model once.",
            _positive_int),
    Setting("log_level", "WARNING", "Logging level: DEBUG, INFO, WARNING or ERROR."),
    Setting("actors", "", "A TSV file of actors (the format of data/actor_aliases.tsv) that extends and overrides "
            "the bundled actor registry."),
    Setting("token", "", "Bearer token that turns on the server's POST /api/ingest (claimgraph serve); empty: off."),
)


@dataclass(frozen=True)
class Settings:
    db: str = "claimgraph.db"
    model: str = "auto"
    attribution: str = "auto"
    device: str = "cpu"
    batch_size: int = 16
    processes: int = 1
    log_level: str = "WARNING"
    actors: str = ""
    token: str = ""


def _config_file(env: Mapping[str, str]) -> dict[str, Any]:
    path = Path(env.get("CLAIMGRAPH_CONFIG", "claimgraph.toml"))
    if not path.is_file():
        if "CLAIMGRAPH_CONFIG" in env:
            raise ConfigError("config file not found", input=str(path),
                              hint="unset CLAIMGRAPH_CONFIG or point it at a TOML file")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"not valid TOML ({e})", input=str(path), hint="fix or remove the file") from e


def load_settings(flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Resolve every setting; flags given as None are ignored."""
    env = os.environ if env is None else env
    flags = flags or {}
    config = _config_file(env)
    known = {s.name for s in SETTINGS}
    if unknown := sorted(set(config) - known):
        raise ConfigError(f"unknown setting {unknown[0]!r}", input="claimgraph.toml",
                          hint=f"known settings: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for s in SETTINGS:
        raw: Any = s.default
        where = "default"
        if s.name in config:
            raw, where = config[s.name], "claimgraph.toml"
        if (key := f"CLAIMGRAPH_{s.name.upper()}") in env:
            raw, where = env[key], key
        if flags.get(s.name) is not None:
            raw, where = flags[s.name], f"--{s.name.replace('_', '-')}"
        try:
            values[s.name] = s.parse(str(raw)) if raw is not s.default else raw
        except ValueError as e:
            raise ConfigError(f"bad value {raw!r} for {s.name} ({e})", input=where, hint=s.help) from e
    assert {f.name for f in fields(Settings)} == known
    return Settings(**values)
