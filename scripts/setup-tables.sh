#!/usr/bin/env bash
# The Python venv the table-export tests use to read byline's Parquet files with
# DuckDB (tests/export.rs). Idempotent: does nothing when the venv is ready.
#
#   scripts/setup-tables.sh            venv at $BYLINE_TABLES_VENV (default ~/.cache/byline/venv-tables)
#
# Prints the venv's python on its last line.
set -euo pipefail
venv=${BYLINE_TABLES_VENV:-$HOME/.cache/byline/venv-tables}
if ! "$venv/bin/python" -c "import duckdb" >/dev/null 2>&1; then
    echo "setup-tables: creating $venv with duckdb (PyPI, about 20 MB)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "duckdb==1.1.3"
fi
echo "$venv/bin/python"
