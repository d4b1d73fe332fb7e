#!/bin/sh
# The Debian packages the tests need, installed only when missing (running it twice does nothing):
#   tmux      the terminal tests drive the real game in it
#   chromium  the browser tests drive it (through Playwright, never `playwright install`)
#   python3-venv  Debian's python3 cannot make a venv without it (the README's command makes one)
# It uses apt-get as root, or through sudo otherwise; with neither it says what to install.
set -eu

need=""
command -v tmux >/dev/null 2>&1 || need="$need tmux"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need="$need python3-venv"
need=${need# }
[ -z "$need" ] && exit 0

fail() {
  echo "scripts/system-deps.sh: the tests need these Debian packages: $need" >&2
  echo "  $1" >&2
  echo "  Install them (as root: apt-get install $need), then run the command again." >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not here (not Debian?)."
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  fail "Not root, and sudo is not installed."
fi

echo "scripts/system-deps.sh: installing $need from Debian"
# shellcheck disable=SC2086  # $need is a list of package names, split on purpose
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
  || fail "apt-get update failed."
$as_root env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends $need >/dev/null \
  || fail "apt-get install failed."
