#!/usr/bin/env bash
# Runs each libFuzzer target for a short time on a scratch copy of its seed corpus.
#   fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]     (default 20 s; targets: scenes venues vector)
# Seeds come from tests/data and assets/; new inputs the fuzzer finds stay in BUILD_DIR/fuzz-corpus/<target>
# (never written into the repository). A crash leaves BUILD_DIR/fuzz-artifacts/crash-* and fails the run:
# turn it into a regression test (tests/data/bad + MANIFEST.tsv, or a unit test), fix, re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}
SECONDS_PER=${2:-20}
shift $(( $# >= 2 ? 2 : 1 ))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(scenes venues vector)

seeds() {
  case "$1" in
    scenes) ls tests/data/scenes/*.json tests/data/bad/scenes_*.json assets/scenes/*.json 2>/dev/null ;;
    venues) ls assets/venues.csv tests/data/bad/*.csv 2>/dev/null ;;
    vector) ls tests/data/bad/*.geojson tests/data/bad/*.gpkg tests/data/bad/*.osm tests/data/bad/no_crs.csv tests/data/bad/layer_*.csv 2>/dev/null ;;
  esac
}

mkdir -p "$BUILD/fuzz-artifacts"
status=0
for t in "${TARGETS[@]}"; do
  exe="$BUILD/fuzz/fuzz_$t"
  [ -x "$exe" ] || { echo "fuzz: $exe not built (configure with -DTREKKAART_FUZZ=ON and clang)"; exit 2; }
  corpus="$BUILD/fuzz-corpus/$t"
  mkdir -p "$corpus"
  for s in $(seeds "$t"); do cp -n "$s" "$corpus/" 2>/dev/null || true; done
  opts=(-max_total_time="$SECONDS_PER" -timeout=10 -rss_limit_mb=2048 -max_len=65536
        -artifact_prefix="$BUILD/fuzz-artifacts/$t-" -print_final_stats=1)
  case "$t" in
    scenes|vector) opts+=(-dict=fuzz/json.dict) ;;
  esac
  # GDAL and PROJ keep process-wide caches that LeakSanitizer would report after every input: the vector
  # target runs without leak detection (our own code is covered by the ASan test suite and the other targets).
  [ "$t" = vector ] && opts+=(-detect_leaks=0)
  echo "fuzz: $t for ${SECONDS_PER}s ($(ls "$corpus" | wc -l) inputs in corpus)"
  if ! "$exe" "${opts[@]}" "$corpus" > "$BUILD/fuzz-$t.log" 2>&1; then
    echo "fuzz: $t FAILED -- see $BUILD/fuzz-$t.log and $BUILD/fuzz-artifacts/"
    tail -40 "$BUILD/fuzz-$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$BUILD/fuzz-$t.log" | sed "s/^/fuzz: $t: /"
  fi
done
exit $status
