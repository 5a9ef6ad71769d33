# Idempotent installation of everything the demo and the tests need.
# Sourced by scripts/demo, scripts/test and scripts/bench. Each step checks
# the installed version first, so a warm machine pays nothing and a fresh one
# pays ~13 minutes once (trunk and wasm-bindgen-cli are compiled from source).
# Versions: see ../shared/TOOLCHAIN.md and Trunk.toml.

TRUNK_VERSION=0.21.14

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && return
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ] && return
  say "installing trunk $TRUNK_VERSION (compiles from source, ~9 min)"
  cargo install --locked "trunk@$TRUNK_VERSION"
}

ensure_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || { echo "no wasm-bindgen in Cargo.lock" >&2; return 1; }
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] && return
  say "installing wasm-bindgen-cli $want (~3 min)"
  # No --locked: its lock file names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$want" --force
}

# Leptos's code splitting (src/parts.rs): cuts the control's wasm at its
# `wasm_split` entry points, as `cargo leptos --split` does. 0.2.4, not
# 0.2.3: 0.2.3 lays a part's relocated data out with more alignment
# padding than the linker did, and when that overflows the segment it puts
# the whole segment in the main module (+6.7 KB gzip on the first download
# once the verify part's words grew); 0.2.4 packs it.
WASM_SPLIT_VERSION=0.2.4
ensure_wasm_split() {
  # It has no --version: ask Cargo what it installed.
  command -v wasm-split-cli >/dev/null \
    && cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" && return
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (~1 min)"
  cargo install --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
}

# npm tooling: wasm-opt (binaryen 132; Debian's 108 breaks wasm-bindgen
# output), terser (minifies the control's JavaScript), Playwright, axe-core, sm-crypto for the benchmark. Never
# downloads a browser: tests use Debian's Chromium.
ensure_node_modules() {
  if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.package-lock-copy.json 2>/dev/null; then
    return
  fi
  say "installing npm tooling"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock-copy.json
}

# Chromium for the browser and end-to-end tests, and a CJK font so that
# zh-CN screenshots (test artifacts, docs/demo-form.png) show characters;
# fonts-wqy-zenhei (TrueType outlines) is the font the devserver embeds in PDFs.
ensure_chromium() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    && fc-list :lang=zh 2>/dev/null | grep -q . \
    && [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && return
  say "installing Chromium, ChromeDriver and a CJK font from Debian"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk fonts-wqy-zenhei
}

# Debian packages, installed only when one of the commands is missing.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

# pyHanko and its pinned dependencies in a project-local virtualenv (.venv/):
# they make and cross-check the PDF signature fixtures (verify/tests/pades).
# Reinstalls only when scripts/lib/python-requirements.txt changed (a copy
# is kept in .venv/, as ensure_node_modules does with package-lock.json).
# poppler-utils (pdftotext, pdftoppm) to look at the fixtures' pages.
PYTHON_REQUIREMENTS=scripts/lib/python-requirements.txt
ensure_python_tools() {
  if ! { command -v pdftotext && command -v pdftoppm; } >/dev/null; then
    say "installing poppler-utils from Debian"
    apt_install poppler-utils
  fi
  if [ -x .venv/bin/python ] && cmp -s "$PYTHON_REQUIREMENTS" .venv/requirements-copy.txt 2>/dev/null; then
    return
  fi
  say "installing pyHanko and its dependencies into .venv/"
  if ! python3 -m venv --clear .venv >/dev/null 2>&1; then
    apt_install python3-venv
    python3 -m venv --clear .venv
  fi
  .venv/bin/pip install -q --disable-pip-version-check -r "$PYTHON_REQUIREMENTS"
  cp "$PYTHON_REQUIREMENTS" .venv/requirements-copy.txt
}

# pyHanko's own test PDFs and their PKI, from its sdist on PyPI (the wheel
# does not ship them), unpacked once to target/pyhanko-corpus/{pdf,crypto}.
PYHANKO_VERSION=0.38.0
ensure_pyhanko_corpus() {
  local corpus=target/pyhanko-corpus
  [ -f "$corpus/.complete-$PYHANKO_VERSION" ] && return
  ensure_python_tools
  say "fetching pyHanko $PYHANKO_VERSION's test corpus (its sdist from PyPI)"
  local sdist
  sdist=$(ls target/pyhanko-sdist/pyhanko-"$PYHANKO_VERSION".tar.gz 2>/dev/null || true)
  if [ -z "$sdist" ]; then
    .venv/bin/pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
      "pyhanko==$PYHANKO_VERSION" -d target/pyhanko-sdist
    sdist=target/pyhanko-sdist/pyhanko-"$PYHANKO_VERSION".tar.gz
  fi
  local data="pyhanko-$PYHANKO_VERSION/pyhanko_testing_commons/test_data/data"
  rm -rf "$corpus" && mkdir -p "$corpus"
  tar -xzf "$sdist" -C "$corpus" --strip-components=4 "$data/pdf" "$data/crypto"
  touch "$corpus/.complete-$PYHANKO_VERSION"
}

# Tools first on PATH: wasm-opt from npm must win over any system binaryen.
use_project_tools() {
  export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
}

ensure_build_tools() {
  use_project_tools
  ensure_wasm_target
  ensure_node_modules
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_trunk
}

# The other browser engines for tests/engines (Firefox ESR and WebKitGTK, both
# from Debian; Playwright's own builds are downloads and cannot be had here),
# Xvfb for WebKitGTK (it has no headless mode), geckodriver for Firefox
# (selenium-webdriver and wasm-bindgen-test-runner's GECKODRIVER). Measured
# here: the apt step ~30 s, geckodriver from source ~2 min 10 s on 2 cores.
GECKODRIVER_VERSION=0.37.0
ensure_other_engines() {
  if ! { command -v firefox-esr && command -v WebKitWebDriver && command -v Xvfb; } >/dev/null; then
    say "installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian"
    apt_install firefox-esr webkit2gtk-driver xvfb
  fi
  [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)" = "geckodriver $GECKODRIVER_VERSION" ] && return
  say "installing geckodriver $GECKODRIVER_VERSION (compiles from source, ~2 min)"
  cargo install --locked "geckodriver@$GECKODRIVER_VERSION" --force
}

ensure_test_tools() {
  ensure_build_tools
  ensure_chromium
  ensure_other_engines
  ensure_python_tools
}
