#!/usr/bin/env bash
# A fuzzing campaign over the targets of build-fuzz (bash scripts/cifarlab.sh test builds them):
#   bash tests/fuzz/campaign.sh [seconds per target] [target...]
# Runs each target (default: all) for the given seconds (default 600), CIFARLAB_FUZZ_PARALLEL at a
# time (default 2), niced. Work folder build-fuzz/campaign/<target>/: corpus/ holds the inputs the
# run added to the seed corpus (which is only read), artifacts/ any crash, leak, timeout or OOM
# input (and slow units), log the fuzzer's output. Prints one line per target: seconds, executions,
# cov, ft, new corpus files, findings, slow units. Exits non-zero when any target found something.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CIFARLAB_FUZZ_BUILD_DIR:-$root/build-fuzz}"
parallel="${CIFARLAB_FUZZ_PARALLEL:-2}"
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for exe in "$build"/tests/fuzz/fuzz_*; do
    [ -x "$exe" ] && targets+=("$(basename "$exe")")
  done
fi

export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"

findings() {
  ls "$build/campaign/$1/artifacts" | grep -E '^(crash|leak|oom|timeout)-' || true
}

run_one() {
  local target="$1" work="$build/campaign/$1"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  local start=$SECONDS rc=0
  nice -n 5 "$build/tests/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$root/tests/fuzz/corpus/$target" \
    >"$work/log" 2>&1 || rc=$?
  local done_line runs cov ft
  done_line="$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE|INITED)' "$work/log" | tail -n 1 || true)"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")"
  # slow-unit-* files are inputs over 10 s, kept for a look but not failures (the timeout is 25 s).
  printf '%s\t%ss\t%s runs\tcov %s\tft %s\t+%s corpus files\t%s finding(s)\t%s slow unit(s)\texit %s\n' \
    "$target" "$((SECONDS - start))" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$(ls "$work/corpus" | wc -l)" \
    "$(findings "$target" | wc -l)" "$(ls "$work/artifacts" | grep -c '^slow-unit-' || true)" "$rc" | tee "$work/summary"
}

pids=()
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  run_one "$target" &
  pids+=($!)
done
wait
status=0
for target in "${targets[@]}"; do
  if [ -n "$(findings "$target")" ]; then status=1; fi
done
exit $status
