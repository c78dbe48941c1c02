# Sourced by ./hect-runbook and ./run-tests: on first use, make .venv inside the checkout,
# install the project into it, and find (or install) a Chromium; afterwards, reuse them.
# Re-installs by itself when pyproject.toml changes.

ROOT=${ROOT:?}
VENV="$ROOT/.venv"

say() { printf 'hect-runbook setup: %s\n' "$*" >&2; }

find_python() {
    for candidate in ${HECT_PYTHON:-} python3.13 python3.12 python3.11 python3; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    say "needs Python 3.11 or newer (python3 here: $(python3 --version 2>&1 || echo none));" \
        "install it, or point HECT_PYTHON at one"
    return 1
}

make_venv() {
    python=$(find_python) || return 1
    say "creating $VENV with $python"
    if "$python" -m venv "$VENV" >/dev/null 2>&1; then
        return 0
    fi
    rm -rf "$VENV"
    # Debian and Ubuntu ship venv separately (python3.X-venv).
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        say "installing python$version-venv with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 &&
            { apt-get install -y -qq "python$version-venv" >&2 || apt-get install -y -qq python3-venv >&2; } &&
            "$python" -m venv "$VENV" && return 0
    fi
    say "cannot create a virtual environment: install python3-venv" \
        "(sudo apt-get install python3-venv) and run this again"
    return 1
}

# bootstrap [test]: the project (with its test tools when asked) and a Chromium, ready.
bootstrap() {
    extras=${1:-}
    [ -x "$VENV/bin/python" ] || make_venv || exit 2
    digest=$(cksum < "$ROOT/pyproject.toml" | cut -d' ' -f1)
    stamp="$VENV/.hect-installed"
    if ! grep -qx "$digest:${extras:-runtime}" "$stamp" 2>/dev/null &&
        ! { [ -z "$extras" ] && grep -qx "$digest:test" "$stamp" 2>/dev/null; }; then
        say "installing hect-automation${extras:+ with its $extras tools} into .venv"
        spec="$ROOT"
        [ -n "$extras" ] && spec="$ROOT[$extras]"
        # Compiled: what the tool imports, not every installed file (that took a fifth of the
        # setup); where PYTHONDONTWRITEBYTECODE is set, the tool would compile it on each start.
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile \
            -e "$spec" >&2 || exit 2
        PYTHONDONTWRITEBYTECODE='' "$VENV/bin/python" -c 'import hect_automation.cli' || exit 2
        echo "$digest:${extras:-runtime}" >> "$stamp"
        rm -f "$VENV/.hect-browser"  # a new Playwright may want another browser: look again
    fi
    browser_stamp="$VENV/.hect-browser"
    if [ -n "${HECT_BROWSER_EXECUTABLE:-}" ] || ! [ -s "$browser_stamp" ] ||
        ! [ -x "$(cat "$browser_stamp")" ]; then
        "$VENV/bin/python" -m hect_automation.provision ensure --record "$browser_stamp" >&2 || exit 2
    fi
}
