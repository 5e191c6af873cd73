# INTERFACE targets linked by every target of ours (cpp-best-practices/cmake_template).
add_library(agrirent_warnings INTERFACE)
target_compile_options(agrirent_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)

add_library(agrirent_options INTERFACE)
target_compile_features(agrirent_options INTERFACE cxx_std_20)
if(AGRIRENT_SANITIZE)
  target_compile_options(agrirent_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(agrirent_options INTERFACE -fsanitize=address,undefined)
endif()
