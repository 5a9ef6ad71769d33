# The acceptance apps (tests/apps/react, tests/apps/vue): a fresh Vite +
# React 19 app and a fresh Vite + Vue 3 app, each installing the packed
# tarball as a form builder would, type-checked against the shipped types
# (and a copy with deliberate mistakes that must fail), built for
# production. Sourced by scripts/test; needs scripts/package's tarball.
#
# Each app commits its lock file: without one, npm resolves afresh and a
# registry that lacks a newly published transitive version (seen here:
# @babel/core asking for an @babel/generator the registry did not have)
# breaks the install. The tarball's entry in the lock has no `integrity`
# (it changes with every build of the control), so `npm ci` takes whatever
# scripts/package wrote.

APPS="react vue"

# Installs an app's dependencies unless the tarball, its package.json and
# its lock file are what the last install saw.
install_app() {
  local dir=$1 tarball=$2 stamp want
  stamp="$dir/node_modules/.infoplus-install"
  want=$(cat "$tarball" "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -c1-64)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
  say "installing $dir (the tarball and the npm registry)"
  if grep -A3 '"node_modules/infoplus-signature"' "$dir/package-lock.json" | grep -q integrity; then
    echo "$dir/package-lock.json: drop the integrity of infoplus-signature (it changes with every build)" >&2
    return 1
  fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

# The deliberate mistakes must fail the type check, each one named.
expect_typos() {
  local dir=$1; shift
  local out
  if out=$(cd "$dir" && npm run --silent typos 2>&1); then
    echo "$dir/typos: the type check passed, but it has deliberate mistakes" >&2
    return 1
  fi
  for word in "$@"; do
    grep -q "$word" <<<"$out" || { echo "$out" >&2; echo "$dir/typos: no type error about \`$word\`" >&2; return 1; }
  done
  say "$dir/typos: rejected ($*)"
}

build_apps() {
  local version tarball dir
  version=$(awk '/^\[package\]$/ { p = 1; next } /^\[/ { p = 0 } p && /^version = / { gsub(/version = |"/, ""); print; exit }' Cargo.toml)
  tarball="target/npm/infoplus-signature-$version.tgz"
  [ -f "$tarball" ] || { echo "$tarball is missing: run scripts/package" >&2; return 1; }
  check_readme_snippets
  for app in $APPS; do
    dir="tests/apps/$app"
    grep -q "\"file:../../../$tarball\"" "$dir/package.json" \
      || { echo "$dir/package.json must depend on file:../../../$tarball" >&2; return 1; }
    install_app "$dir" "$tarball"
    say "$dir: type check against the shipped types"
    (cd "$dir" && npm run --silent typecheck)
  done
  expect_typos tests/apps/react engin popop seels cod
  expect_typos tests/apps/vue popop seels cod
  for app in $APPS; do
    say "tests/apps/$app: vite build"
    (cd "tests/apps/$app" && rm -rf dist && npm run --silent build)
  done
}

# Serves the built apps at /app/<name>/ in front of the devserver (one
# origin); sets APPS_URL. Needs DEVSERVER_URL (scripts/lib/devserver.sh).
start_apps_server() {
  local log
  log=$(mktemp)
  node tests/apps/serve.mjs "$DEVSERVER_URL" >"$log" 2>&1 &
  APPS_PID=$!
  # Adds to the devserver's trap rather than replacing it.
  trap 'kill "$APPS_PID" "$DEVSERVER_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    APPS_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
    [ -n "$APPS_URL" ] && break
    sleep 0.1
  done
  [ -n "$APPS_URL" ] || { cat "$log" >&2; return 1; }
  export APPS_URL
  say "test apps at $APPS_URL/app/{react,vue}/"
}

# The README's React and Vue snippets are the apps' Approval components
# (type-checked with them): fails when the README's text and the files part.
check_readme_snippets() {
  node -e '
    const fs = require("fs");
    const readme = fs.readFileSync("README.md", "utf8");
    const block = (section, lang) => {
      const m = readme.match(new RegExp("### " + section + "\\n[\\s\\S]*?```" + lang + "\\n([\\s\\S]*?)```"));
      if (!m) throw new Error("README.md: no " + lang + " block under ### " + section);
      return m[1];
    };
    const react = fs.readFileSync("tests/apps/react/src/Approval.tsx", "utf8");
    const vue = fs.readFileSync("tests/apps/vue/src/Approval.vue", "utf8");
    const bad = [];
    if (react !== block("React 19", "tsx")) bad.push("tests/apps/react/src/Approval.tsx is not the README React 19 snippet");
    if (!vue.includes("<template>\n" + block("Vue 3", "vue") + "</template>")) bad.push("tests/apps/vue/src/Approval.vue does not hold the README Vue 3 snippet");
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }
  '
}
