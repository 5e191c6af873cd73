# Fails when a Catch2 test name contains ';': catch_discover_tests would split such a name
# into CTest tests that match nothing and pass without running anything.
# (Catch2 v2 exits with the number of tests listed, so the status is not checked.)
execute_process(COMMAND ${EXE} --list-test-names-only OUTPUT_VARIABLE names)
if(names STREQUAL "")
  message(FATAL_ERROR "${EXE} --list-test-names-only listed nothing")
endif()
string(REPLACE ";" "<SEMICOLON>" names "${names}")
string(FIND "${names}" "<SEMICOLON>" at)
if(NOT at EQUAL -1)
  string(REGEX MATCHALL "[^\n]*<SEMICOLON>[^\n]*" bad "${names}")
  message(FATAL_ERROR "test names with ';' (CTest would skip them): ${bad}")
endif()
