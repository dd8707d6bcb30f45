# assay_module(NAME DEPS dep...): a static library from src/assay/NAME/*.cc
# (tests and *_main.cc excluded) and one test executable from *_test.cc.
# Both see only the include tree of module NAME (cmake/layers.cmake), and
# DEPS may name only the assay_* libraries that docs/DESIGN.md allows.
function(assay_module name)
  cmake_parse_arguments(M "" "" "DEPS;TEST_DEPS;EXTRA_SOURCES" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  list(FILTER srcs EXCLUDE REGEX "_test\\.cc$")
  list(FILTER srcs EXCLUDE REGEX "_main\\.cc$")
  if(NOT srcs AND NOT M_EXTRA_SOURCES)
    return()  # a module folder still being written
  endif()
  assay_check_deps(${name} ${M_DEPS})
  add_library(assay_${name} STATIC ${srcs} ${M_EXTRA_SOURCES})
  target_link_libraries(assay_${name} PUBLIC ${M_DEPS})
  assay_layer_includes(assay_${name} ${name})
  if(tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE assay_${name} ${M_TEST_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
    assay_layer_includes(${name}_test ${name})
    add_test(NAME ${name}_test COMMAND ${name}_test)
    set_tests_properties(${name}_test PROPERTIES
      ENVIRONMENT "ASSAY_SOURCE_DIR=${CMAKE_SOURCE_DIR};ASSAY_SHARED_DIR=${CMAKE_SOURCE_DIR}/../shared")
  endif()
endfunction()
