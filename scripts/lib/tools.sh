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
