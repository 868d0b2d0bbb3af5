# ctest driver for one fuzz target: runs it for SECONDS over a fresh copy of its seed corpus (so the
# committed corpus is never modified) and fails on any finding (libFuzzer exits non-zero).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(GLOB _seeds "${CORPUS}/*")
if(NOT _seeds)
  message(FATAL_ERROR "no seed corpus in ${CORPUS}")
endif()
file(COPY ${_seeds} DESTINATION "${WORK}/corpus")
set(ENV{ASAN_OPTIONS} "halt_on_error=1:abort_on_error=1:detect_leaks=1")
set(ENV{UBSAN_OPTIONS} "halt_on_error=1:print_stacktrace=1")
set(ENV{LSAN_OPTIONS} "suppressions=${SUPPRESSIONS}")
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=25 -print_final_stats=1
          -artifact_prefix=${WORK}/artifacts/ "${WORK}/corpus"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} found a problem (exit ${_rc}); the input is in ${WORK}/artifacts")
endif()
