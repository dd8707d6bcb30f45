# Runs assay analyze --format json on the example and on every gold article
# (one JSON array), and --format jsonl on them (JSON Lines), then validates
# each object against the JSON Schema.
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${ASSAY} analyze --format json ${SRC}/examples/malaysia-china-processing.txt
                OUTPUT_FILE ${OUT}/example.json RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "assay analyze failed: ${rc}")
endif()
file(GLOB gold ${SHARED}/eval/articles/*.json)
set(args "")
if(gold)
  execute_process(COMMAND ${ASSAY} analyze --format json ${gold} OUTPUT_FILE ${OUT}/gold.json RESULT_VARIABLE rc2)
  execute_process(COMMAND ${ASSAY} analyze --format jsonl ${gold} OUTPUT_FILE ${OUT}/gold.jsonl RESULT_VARIABLE rc4)
  if(NOT rc2 EQUAL 0 OR NOT rc4 EQUAL 0)
    message(FATAL_ERROR "assay analyze on the gold articles failed: ${rc2} ${rc4}")
  endif()
  set(args ${OUT}/gold.json ${OUT}/gold.jsonl)
endif()
execute_process(COMMAND ${PYTHON} ${SRC}/tests/validate_schema.py ${SRC}/docs/schema/analysis.schema.json ${OUT}/example.json ${args}
                RESULT_VARIABLE rc3)
if(NOT rc3 EQUAL 0)
  message(FATAL_ERROR "JSON output does not validate against docs/schema/analysis.schema.json")
endif()

# assay chain --format json (schema assay.chain/1), every view, on the
# embedded data: summary and stages for the default year and 2024, a
# facility, the shipped scenarios, a Monte Carlo run, the backtest.
set(chain_runs "summary" "summary --year 2024" "stages" "facility lynas-mt-weld-mine" "facility irel-mines --year 2023"
               "scenario malaysia-china-refinery china-april-2025-controls myanmar-clay-halt lynas-malaysia-licence-loss"
               "montecarlo baseline --draws 20 --seed 1 --reference-level 20000"
               "summary --period 2025-05" "scenario china-april-2025-controls --period 2025-04:2025-07")
set(chain_files "")
set(n 0)
foreach(run IN LISTS chain_runs)
  separate_arguments(run_args UNIX_COMMAND "${run}")
  execute_process(COMMAND ${ASSAY} chain ${run_args} --format json OUTPUT_FILE ${OUT}/chain${n}.json RESULT_VARIABLE rc5)
  if(NOT rc5 EQUAL 0)
    message(FATAL_ERROR "assay chain ${run} --format json failed: ${rc5}")
  endif()
  list(APPEND chain_files ${OUT}/chain${n}.json)
  math(EXPR n "${n} + 1")
endforeach()
# The backtest exits 1 when a figure falls outside its band; its JSON is
# printed either way.
execute_process(COMMAND ${ASSAY} chain backtest --format json OUTPUT_FILE ${OUT}/chain_backtest.json RESULT_VARIABLE rc7)
if(NOT (rc7 EQUAL 0 OR rc7 EQUAL 1))
  message(FATAL_ERROR "assay chain backtest --format json failed: ${rc7}")
endif()
list(APPEND chain_files ${OUT}/chain_backtest.json)
execute_process(COMMAND ${PYTHON} ${SRC}/tests/validate_schema.py ${SRC}/docs/schema/chain.schema.json ${chain_files} RESULT_VARIABLE rc6)
if(NOT rc6 EQUAL 0)
  message(FATAL_ERROR "assay chain JSON does not validate against docs/schema/chain.schema.json")
endif()
