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
