# INTERFACE targets linked by every target of ours (cpp-best-practices/cmake_template).
add_library(agrirent_warnings INTERFACE)
target_compile_options(agrirent_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)
# GCC 12 at -O2 reports impossible overlaps inside std::string's own insert/replace
# (-Wrestrict false positive, GCC bug 105651), in code as plain as "0" + s. Not ours to fix.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(agrirent_warnings INTERFACE -Wno-restrict)
endif()

add_library(agrirent_options INTERFACE)
target_compile_features(agrirent_options INTERFACE cxx_std_20)
# AGRIRENT_TSAN: ThreadSanitizer (scripts/tsan.sh). It cannot be combined with ASan.
option(AGRIRENT_TSAN "Build with ThreadSanitizer" OFF)
if(AGRIRENT_TSAN AND AGRIRENT_SANITIZE)
  message(FATAL_ERROR "AGRIRENT_TSAN and AGRIRENT_SANITIZE cannot be combined")
endif()
if(AGRIRENT_TSAN)
  # -Wno-tsan: GCC 12 warns that std::atomic_thread_fence (used inside Boost.Asio) is not
  # modelled by TSan, once per instantiation; that could only cause false reports, and there are
  # none (docs/concurrency.md).
  target_compile_options(agrirent_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer
                                                    -Wno-tsan)
  target_link_options(agrirent_options INTERFACE -fsanitize=thread)
endif()
if(AGRIRENT_SANITIZE)
  target_compile_options(agrirent_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(agrirent_options INTERFACE -fsanitize=address,undefined)
endif()

# Fuzzing (issue 6, tests/fuzz, docs/fuzzing.md): every library of ours is compiled with
# coverage instrumentation for libFuzzer plus ASan/UBSan; the fuzz targets link the fuzzer.
if(AGRIRENT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "AGRIRENT_FUZZ needs clang (libFuzzer): configure a separate build "
                        "directory with CC=clang CXX=clang++ (scripts/fuzz.sh does), not "
                        "${CMAKE_CXX_COMPILER_ID}.")
  endif()
  if(AGRIRENT_SANITIZE)
    message(FATAL_ERROR "AGRIRENT_FUZZ already enables ASan/UBSan: leave AGRIRENT_SANITIZE off.")
  endif()
  # Not the socket layer (server/net): the fuzz targets call the router without a socket, and
  # clang 14 fails on its Asio coroutines under the sanitizers ("Cannot represent a difference
  # across sections").
  set(fuzz_flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                 -fno-omit-frame-pointer)
  target_compile_options(agrirent_options INTERFACE
    "$<$<NOT:$<STREQUAL:$<TARGET_PROPERTY:NAME>,agrirent_net>>:${fuzz_flags}>")
  target_link_options(agrirent_options INTERFACE -fsanitize=address,undefined)
endif()
