#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry. The files are committed, so running
# Keten never needs npm; run this only to upgrade a package (then update the versions below).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/keten/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() {  # package@version file-in-package target-name
  (cd "$work" && npm pack --silent "$1" >/dev/null)
  local tgz
  tgz=$(ls -t "$work"/*.tgz | head -1)
  mkdir -p "$work/x" && tar xzf "$tgz" -C "$work/x"
  cp "$work/x/package/$2" "$dest/$3"
  rm -rf "$work/x" "$tgz"
}
fetch @utrecht/component-library-css@9.0.4 dist/index.css utrecht-component-library.css
fetch @rijkshuisstijl-community/components-css@12.0.0 dist/index.css rijkshuisstijl-components.css
fetch @rijkshuisstijl-community/design-tokens@11.1.0 dist/index.css rijkshuisstijl-design-tokens.css
fetch htmx.org@2.0.11 dist/htmx.min.js htmx.min.js
# axe-core is only for the browser tests; it is never served.
(cd "$work" && npm pack --silent axe-core@4.14.1 >/dev/null && tar xzf axe-core-4.14.1.tgz)
cp "$work/package/axe.min.js" tests/browser/axe.min.js
echo "vendored into $dest and tests/browser"
