#!/usr/bin/env bash
# Measurements for BENCHMARKS.md that are not criterion benchmarks.
#
#   bash benches/measure.sh compile-time [CODES...]  release compile time of one generated
#                                                    module per strategy (default: 10000)
#   bash benches/measure.sh rebuild [RUNS] [ARGS]    `cargo build [ARGS]` after a catalog edit
#                                                    vs after a src/lib.rs edit (default: 3
#                                                    runs, the default workspace members)
#   bash benches/measure.sh memory [CODES...]        time and peak memory of `errcat generate`
#                                                    on a synthetic catalog (default: 1000
#                                                    10000 100000)
#   bash benches/measure.sh tree                     the build script's dependency tree
#
# Uses the workspace's target/ (or $CARGO_TARGET_DIR). Every edit made to measure a rebuild
# is undone, even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"

machine() {
  echo "nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(rustc --version)"
}

# Seconds (one decimal) taken by a command; its output goes to stderr.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >&2
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.1f", $2 - $1}'
}

compile_time() {
  local sizes=("$@")
  [ ${#sizes[@]} -gt 0 ] || sizes=(10000)
  machine
  cargo build --quiet --release -p errcat --no-default-features
  cargo build --quiet --release -p errcat-bench --example emit
  local rlib work
  rlib="$(ls -t "$TARGET"/release/liberrcat.rlib | head -n 1)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  for codes in "${sizes[@]}"; do
    for strategy in perfect_hash match; do
      "$TARGET/release/examples/emit" "$codes" "$strategy" >"$work/synth.rs"
      local lines
      lines=$(wc -l <"$work/synth.rs")
      local t
      t=$(seconds rustc --edition 2021 --crate-type lib --crate-name synth -C opt-level=3 \
        -L "$TARGET/release/deps" --extern errcat="$rlib" --out-dir "$work" "$work/synth.rs")
      echo "| $codes | $strategy | $lines | $t s |"
    done
  done
}

rebuild() {
  local runs="${1:-3}"
  shift || true
  local args=("$@")
  local marker="// errcat benches/measure.sh rebuild marker"
  local yaml_marker="# errcat benches/measure.sh rebuild marker"
  undo() {
    # Remove only the lines this script appended, wherever the files stand now.
    sed -i "\\|^$marker\$|d" src/lib.rs
    sed -i "\\|^$yaml_marker\$|d" catalog/zenhire.yaml
  }
  trap undo EXIT
  machine
  cargo build --quiet ${args[@]+"${args[@]}"}
  for run in $(seq "$runs"); do
    echo "$yaml_marker" >>catalog/zenhire.yaml
    local t_catalog
    t_catalog=$(seconds cargo build --quiet ${args[@]+"${args[@]}"})
    undo
    cargo build --quiet ${args[@]+"${args[@]}"}
    echo "$marker" >>src/lib.rs
    local t_source
    t_source=$(seconds cargo build --quiet ${args[@]+"${args[@]}"})
    undo
    cargo build --quiet ${args[@]+"${args[@]}"}
    echo "| $run | $t_catalog s | $t_source s |"
  done
  trap - EXIT
}

memory() {
  local sizes=("$@")
  [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
  if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time (/usr/bin/time) for the peak memory" >&2
    exit 2
  fi
  machine
  cargo build --quiet --release -p errcat-bench --example emit
  cargo build --quiet --release -p errcat-cli --bin errcat
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  echo "| codes | catalog MB | errcat generate | peak memory (max RSS) |"
  echo "|---:|---:|---:|---:|"
  for codes in "${sizes[@]}"; do
    mkdir -p "$work/catalog" "$work/out"
    "$TARGET/release/examples/emit" "$codes" yaml >"$work/catalog/synth.yaml"
    # GNU time writes "<seconds> <KB>" as the last line of stderr.
    local measured seconds kb mb
    measured=$(/usr/bin/time -f "%e %M" "$TARGET/release/errcat" generate \
      --catalog "$work/catalog" --out "$work/out" 2>&1 >/dev/null | tail -n 1)
    seconds=${measured% *}
    kb=${measured#* }
    mb=$(du -k "$work/catalog/synth.yaml" | awk '{printf "%.1f", $1 / 1024}')
    echo "| $codes | $mb | $seconds s | $((kb / 1024)) MB |"
    rm -rf "$work/catalog" "$work/out"
  done
}

case "${1:-}" in
  compile-time) shift; compile_time "$@" ;;
  rebuild) shift; rebuild "$@" ;;
  memory) shift; memory "$@" ;;
  tree) cargo tree -p errcat-codegen -e normal --prefix depth ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
