#!/usr/bin/env bash
# Build the class hub's own environment (issue #13): hub/.venv with JupyterHub and the lab's pinned stack,
# and JupyterHub's proxy (configurable-http-proxy, from npm) in hub/node_modules. Safe to run again:
# it does nothing when both are up to date. Needs python3 (3.10+), node 20+ and npm.
set -euo pipefail
HUB="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HUB")"
VENV="$HUB/.venv"
STAMP="$VENV/.hub-installed"
PYTHON="$(command -v "${PYTHON:-python3}")"
# Students' servers run as their own users, so the venv's Python must be one every user can run. The lab's pins
# need Python 3.11.5+ (Debian 12 has 3.11.2); if that Python lives where other users cannot reach it (pyenv
# under /root), copy it to hub/.python first (hub/relocate_python.py).
can_run() { [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1 || runuser -u nobody -- "$@" >/dev/null 2>&1; }
if [ -x "$VENV/bin/python" ] && ! can_run "$VENV/bin/python" -c pass; then
  echo "hub/setup.sh: $VENV uses a Python other users cannot run; rebuilding it"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ] && ! can_run "$PYTHON" -c pass; then
  echo "hub/setup.sh: other users cannot run $PYTHON; copying it to $HUB/.python"
  "$PYTHON" "$HUB/relocate_python.py" "$HUB/.python"
  PYTHON="$HUB/.python/bin/python3"
  can_run "$PYTHON" -c "import ssl, sqlite3, ctypes, venv" || { echo "hub/setup.sh: the copied Python does not run" >&2; exit 1; }
fi

if [ ! -f "$STAMP" ] || [ "$HUB/requirements-hub.txt" -nt "$STAMP" ] || [ "$ROOT/requirements.txt" -nt "$STAMP" ]; then
  echo "hub/setup.sh: building $VENV"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  # requirements.txt ends with '-e .', so pip runs from the repository root.
  (cd "$ROOT" && "$VENV/bin/pip" install --quiet --disable-pip-version-check \
      -r "$HUB/requirements-hub.txt" -r requirements.txt)
  "$VENV/bin/pip" check
  # No 'Jupyter news' toast and no update check for students (same override as the lab's browser tests).
  mkdir -p "$VENV/share/jupyter/lab/settings"
  cat > "$VENV/share/jupyter/lab/settings/overrides.json" <<'JSON'
{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
JSON
  touch "$STAMP"
fi

# Every kernel on the hub shows the plain messages for running out of memory, processes or space
# (platetrails/plain_errors.py), even in a cell run before the notebook's first cell.
mkdir -p "$VENV/etc/ipython"
echo 'c.InteractiveShellApp.extensions = ["platetrails.plain_errors"]' > "$VENV/etc/ipython/ipython_kernel_config.py"

if [ ! -x "$HUB/node_modules/.bin/configurable-http-proxy" ] || [ "$HUB/package-lock.json" -nt "$HUB/node_modules/.package-lock.json" ]; then
  echo "hub/setup.sh: installing configurable-http-proxy with npm ci"
  (cd "$HUB" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Students' servers run as their own users, so they must be able to reach the venv and the lab's data.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  if ! can_run "$VENV/bin/python" -c "import platetrails.data as d; assert (d.DATA_DIR / 'town').is_dir()"; then
    echo "hub/setup.sh: warning: other users cannot reach $VENV or $ROOT/data;" \
         "students' servers will not start. Put the repository in a folder everyone can read (e.g. /opt)." >&2
  fi
fi
echo "hub/setup.sh: ready ($("$VENV/bin/jupyterhub" --version | head -1), proxy $("$HUB/node_modules/.bin/configurable-http-proxy" --version))"
