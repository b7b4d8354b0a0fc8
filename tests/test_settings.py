"""Settings resolve flags over environment over config file over defaults, and bad values are named."""

from __future__ import annotations

import pytest

from claimgraph.errors import ConfigError
from claimgraph.settings import SETTINGS, Settings, load_settings


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings({}, env={}) == Settings()
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)


def test_flag_beats_environment_beats_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claimgraph.toml").write_text('db = "from-file.db"\nbatch_size = 4\n', encoding="utf-8")
    assert load_settings({}, env={}).db == "from-file.db"
    assert load_settings({}, env={}).batch_size == 4
    assert load_settings({}, env={"CLAIMGRAPH_DB": "from-env.db"}).db == "from-env.db"
    assert load_settings({"db": "from-flag.db"}, env={"CLAIMGRAPH_DB": "from-env.db"}).db == "from-flag.db"
    assert load_settings({"device": "cuda:1"}, env={}).device == "cuda:1"  # whether it exists: when it is used


@pytest.mark.parametrize(("env", "where", "text"), [
    ({"CLAIMGRAPH_BATCH_SIZE": "0"}, "CLAIMGRAPH_BATCH_SIZE", "must be at least 1"),
    ({"CLAIMGRAPH_BATCH_SIZE": "many"}, "CLAIMGRAPH_BATCH_SIZE", "bad value 'many'"),
    ({"CLAIMGRAPH_CONFIG": "missing.toml"}, "missing.toml", "config file not found"),
    ({"CLAIMGRAPH_DEVICE": "gpu"}, "CLAIMGRAPH_DEVICE", "choose cpu, auto, cuda or cuda:N"),
])
def test_bad_values_name_where_they_came_from(tmp_path, monkeypatch, env, where, text):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_settings({}, env=env)
    assert str(info.value).startswith(f"{where}: ") and text in str(info.value) and "hint:" in str(info.value)


def test_unknown_key_in_config_file_lists_the_known_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claimgraph.toml").write_text('database = "x.db"\n', encoding="utf-8")
    with pytest.raises(ConfigError,
                       match="unknown setting 'database'.*known settings: actors, attribution, batch_size, db"):
        load_settings({}, env={})
