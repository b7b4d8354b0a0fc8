"""Shared fixtures. Model-dependent tests are marked `model`; they run in `make test`."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.store.postgres import server_bindir

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "kursk-north-korea.txt"
SEED_EXPECTED = SHARED / "seed" / "kursk-north-korea.expected.jsonl"


@pytest.fixture(scope="session")
def nlp():
    """The English spaCy pipeline, loaded once per test session."""
    from claimgraph.nlp import load_model

    return load_model()


@pytest.fixture
def seed_text() -> str:
    """The founding article; its licence is unknown, so it is read from ../shared, never copied."""
    if not SEED_TEXT.is_file():
        pytest.skip(f"the founding article is not here ({SEED_TEXT}); CI has ../shared/seed")
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def claims_in(nlp, text: str, attribution: str) -> list:
    """The claims one extractor ("rules" or "tagger") finds in a text."""
    from claimgraph.extract import extract_article
    from claimgraph.models import Article

    return list(extract_article(Article.from_text(text), nlp, attribution=attribution).claims)


def by_cue(claims: list, cue: str):
    """The first claim whose cue reads `cue`; fails listing the cues found."""
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert found, f"no claim with cue {cue!r}; cues: {[c.cue.text for c in claims if c.cue]}"
    return found[0]


@pytest.fixture(scope="session")
def gazetteer():
    """The offline gazetteer, built into the cache on first use (about half a minute)."""
    from claimgraph.geo import Gazetteer

    return Gazetteer.default()


# --- PostgreSQL: a throwaway server from the real binaries, for the tests marked `postgres` ----------

@pytest.fixture(scope="session")
def postgres_server():
    """`postgresql://claimgraph@127.0.0.1:PORT`: a server initdb'd into a temporary directory, stopped at the end."""
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    bindir = server_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        pytest.skip("no PostgreSQL binaries (pg_ctl, initdb) on PATH or in /usr/lib/postgresql/*/bin; "
                    "`make test` installs Debian's postgresql package")
    base = Path(tempfile.mkdtemp(prefix="claimgraph-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres (or nobody) user
        user = next(u for u in (_user("postgres"), _user("nobody")) if u is not None)
        os.chown(base, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", user.pw_name, "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data, log = base / "data", base / "server.log"

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{args[0]} failed: {done.stderr or done.stdout}"

    run(str(bindir / "initdb"), "-D", str(data), "-U", "claimgraph", "--auth=trust", "--no-locale",
        "-E", "UTF8", "--no-sync")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start", "-o",
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -F -c max_connections=50")
    try:
        yield f"postgresql://claimgraph@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _user(name: str):
    import pwd

    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database on the throwaway server, for one test."""
    import psycopg

    name = f"test_{next(_databases)}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request, db_path: Path) -> str:
    """A store location on each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "postgres":
        return request.getfixturevalue("postgres_url")
    return str(db_path)
