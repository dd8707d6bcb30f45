# Shows that the build enforces the layer table: with module report's include
# tree (build/include/report), a file including a base header compiles, and
# files including analysis's private header or a cli header do not, because
# the headers are not there ("No such file" or "file not found").
#   cmake -DCXX=... -DTREE=build/include/report -DDIR=tests/layering -P layering_build_test.cmake
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
function(compile file out_ok out_log)
  execute_process(COMMAND ${CXX} -std=c++2b ${flags} -fsyntax-only -I${TREE} ${DIR}/${file}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  if(rc EQUAL 0)
    set(${out_ok} TRUE PARENT_SCOPE)
  else()
    set(${out_ok} FALSE PARENT_SCOPE)
  endif()
  set(${out_log} "${o}${e}" PARENT_SCOPE)
endfunction()

compile(good.cc ok log)
if(NOT ok)
  message(FATAL_ERROR "good.cc should compile with ${TREE}:\n${log}")
endif()
foreach(bad private_header.cc higher_layer.cc)
  compile(${bad} ok log)
  if(ok)
    message(FATAL_ERROR "${bad} compiled with ${TREE}: the include tree lets a forbidden header through")
  endif()
  if(NOT log MATCHES "(No such file|file not found)")
    message(FATAL_ERROR "${bad} failed for another reason than a missing header:\n${log}")
  endif()
  string(REGEX MATCH "[^\n]*(No such file|file not found)[^\n]*" line "${log}")
  message(STATUS "${bad} refused as it should be: ${line}")
endforeach()
