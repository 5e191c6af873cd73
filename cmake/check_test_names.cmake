# Fails when a Catch2 test name would not run as its own CTest test: one that contains ';'
# (catch_discover_tests splits it into tests that match nothing and pass without running
# anything), or one that begins with '-' (see below).
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
# A name that begins with '-' reaches the test executable as an option (Catch2: "Unrecognised
# token"), so its CTest test fails without running.
string(REGEX MATCHALL "(^|\n)-[^\n]*" dashed "${names}")
if(dashed)
  message(FATAL_ERROR "test names beginning with '-' (Catch2 reads them as options): ${dashed}")
endif()
