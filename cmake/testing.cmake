# vc_add_test(NAME SOURCES ... LIBS ...): one Catch2 executable registered as one CTest test.
# Catch2's main is compiled once (vc_catch_main) and shared by every test executable.
if(VC_BUILD_TESTS)
  enable_testing()
  add_library(vc_catch_main STATIC ${PROJECT_SOURCE_DIR}/tests/support/catch_main.cc)
  target_link_libraries(vc_catch_main PUBLIC Catch2::Catch2 vc_warnings)

  add_library(vc_test_support STATIC ${PROJECT_SOURCE_DIR}/tests/support/support.cc)
  target_include_directories(vc_test_support PUBLIC ${PROJECT_SOURCE_DIR}/tests/support/include)
  target_link_libraries(vc_test_support PRIVATE vc_warnings)

  # For contract tests only: it needs the HTTP library, which the other tests do not.
  add_library(vc_test_contract STATIC ${PROJECT_SOURCE_DIR}/tests/support/contract.cc)
  target_link_libraries(vc_test_contract PUBLIC vc_test_support vc_http PRIVATE vc_warnings)
endif()

function(vc_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE vc_catch_main vc_test_support ${T_LIBS} vc_warnings)
  add_test(NAME ${name} COMMAND ${name} --order rand --warn NoAssertions)
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "VC_BUILD_DIR=${PROJECT_BINARY_DIR};VC_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
