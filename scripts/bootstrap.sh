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

# uv installs what pip would from PyPI (the same versions, newest allowed) in a tenth of the
# time: about 2 s against 20 here. Yours if it is on PATH; else fetched once, with pip, into
# the user's cache. Prints nothing and fails where neither works. Where uv cannot install
# (no PyPI, only a mirror in pip's own settings), pip does.
find_uv() {
    if command -v uv >/dev/null 2>&1; then
        command -v uv
        return 0
    fi
    tools="${XDG_CACHE_HOME:-$HOME/.cache}/hect-automation/uv"
    if ! [ -x "$tools/bin/uv" ]; then
        python=$(find_python) || return 1
        # Into a folder of its own, then renamed: two checkouts setting up at once each
        # find either no uv or a whole one.
        mkdir -p "$(dirname -- "$tools")" && rm -rf "$tools.$$" &&
            "$python" -m pip install --quiet --disable-pip-version-check --target "$tools.$$" \
                uv >/dev/null 2>&1 &&
            { mv -T "$tools.$$" "$tools" 2>/dev/null || [ -x "$tools/bin/uv" ]; }
        rm -rf "$tools.$$"
        [ -x "$tools/bin/uv" ] || return 1
    fi
    echo "$tools/bin/uv"
}

# install_project SPEC: SPEC (the checkout, with its extras) into a new or existing .venv.
install_project() {
    if uv=$(find_uv); then
        python=$(find_python) || return 1
        # --seed: the venv keeps pip, for what a user adds to it (keyring, say)
        [ -x "$VENV/bin/python" ] || say "creating $VENV with $python"
        if { [ -x "$VENV/bin/python" ] ||
            UV_PYTHON_DOWNLOADS=never "$uv" venv --quiet --seed --python "$python" "$VENV" >&2; } &&
            "$uv" pip install --quiet --python "$VENV/bin/python" -e "$1" >&2; then
            return 0
        fi
        say "uv could not install it; trying pip"
    fi
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1 ||
        { rm -rf "$VENV" && make_venv; } || return 1
    # Compiled afterwards: what the tool imports, not every installed file (that took a
    # fifth of the setup).
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile -e "$1" >&2
}

# bootstrap [test]: the project (with its test tools when asked) and a Chromium, ready.
bootstrap() {
    extras=${1:-}
    digest=$(cksum < "$ROOT/pyproject.toml" | cut -d' ' -f1)
    stamp="$VENV/.hect-installed"
    if ! grep -qx "$digest:${extras:-runtime}" "$stamp" 2>/dev/null &&
        ! { [ -z "$extras" ] && grep -qx "$digest:test" "$stamp" 2>/dev/null; }; then
        say "installing hect-automation${extras:+ with its $extras tools} into .venv"
        spec="$ROOT"
        [ -n "$extras" ] && spec="$ROOT[$extras]"
        install_project "$spec" || exit 2
        # Compiled now, what the tool imports: where PYTHONDONTWRITEBYTECODE is set, the tool
        # would compile it again on each start.
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
