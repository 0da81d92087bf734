#!/usr/bin/env bash
# Builds the Temporal server and its SQL schema tool from the Go module proxy, once per version.
# The binaries live outside the clone (~/.cache/leadflow/temporal-<version>/bin) so a second run,
# or a second worktree, reuses them; the module's source (config samples, schema/postgresql/v12)
# stays in the Go module cache. Prints the cache directory on its last line.
set -euo pipefail
TEMPORAL_VERSION="${TEMPORAL_SERVER_VERSION:-1.32.2}"
# The server's go.mod asks for a newer Go than Debian's; GOTOOLCHAIN makes go fetch that toolchain
# from the module proxy.
GO_TOOLCHAIN="${LEADFLOW_GO_TOOLCHAIN:-go1.27.3}"
cache="${LEADFLOW_CACHE_DIR:-$HOME/.cache/leadflow}/temporal-${TEMPORAL_VERSION}"
bin="$cache/bin"

if [ -x "$bin/temporal-server" ] && [ -x "$bin/temporal-sql-tool" ] && [ -d "$cache/schema/postgresql/v12" ]; then
  echo "» Temporal server ${TEMPORAL_VERSION} already built in $bin" >&2
  echo "$cache"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "» installing Go (Debian golang-go) to build the Temporal server" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null
fi

mkdir -p "$bin"
build_dir=$(mktemp -d)
trap 'rm -rf "$build_dir"' EXIT
echo "» building Temporal server ${TEMPORAL_VERSION} with ${GO_TOOLCHAIN} (about 8 minutes on 2 cores)" >&2
started=$(date +%s)
GOTOOLCHAIN="$GO_TOOLCHAIN" GOBIN="$build_dir" GOFLAGS=-mod=mod CGO_ENABLED=0 \
  go install "go.temporal.io/server/cmd/server@v${TEMPORAL_VERSION}" "go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_VERSION}" >&2

# Copy the schema out of the module cache (read-only there) so the harness needs only this folder.
src="$(GOTOOLCHAIN="$GO_TOOLCHAIN" go env GOMODCACHE)/go.temporal.io/server@v${TEMPORAL_VERSION}"
rm -rf "$cache/schema" && mkdir -p "$cache/schema"
cp -r "$src/schema/postgresql" "$cache/schema/"
chmod -R u+w "$cache/schema"
mv "$build_dir/server" "$bin/temporal-server"
mv "$build_dir/sql" "$bin/temporal-sql-tool"
echo "» built in $(( $(date +%s) - started )) s: $bin" >&2
echo "$cache"
