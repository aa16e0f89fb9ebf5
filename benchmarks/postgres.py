"""The PostgreSQL server of ``python -m benchmarks --backend postgresql``: a fresh database per use,
made and dropped as tests/conftest.py does. The workloads find the server's URL in ``CURATOR_BENCH_DB``."""

from __future__ import annotations

import os

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
ENV = "CURATOR_BENCH_DB"  # the server's URL, set by the driver for the workloads' processes


def server_url() -> str | None:
    """The server the workloads run on, or None for SQLite."""
    return os.environ.get(ENV) or None


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + f"/curator_bench_{name}"


def fresh_database(server: str, name: str) -> str:
    """An empty database ``curator_bench_<name>`` on ``server`` (dropped first if it exists); its URL."""
    drop_database(server, name)
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "curator_bench_{name}"')
    return database_url(server, name)


def exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (f"curator_bench_{name}",)).fetchone()
    return found is not None


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "curator_bench_{name}" WITH (FORCE)')
