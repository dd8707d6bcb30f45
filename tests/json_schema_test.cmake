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
