# Writes OUTPUT, a C++ file defining `std::string_view NAMESPACE::SYMBOL() noexcept` (NAMESPACE
# defaults to agrirent) that returns
# the bytes of INPUT, so data files ship inside the binary (no file lookup at run time).
if(NOT NAMESPACE)
  set(NAMESPACE agrirent)
endif()
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_len)
math(EXPR byte_len "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT}
"// Generated from ${INPUT} by cmake/embed_text.cmake. Do not edit.
#include <string_view>
namespace ${NAMESPACE} {
namespace {
constexpr char ${SYMBOL}_bytes[] = {
${bytes}'\\0'};
} // namespace
std::string_view ${SYMBOL}() noexcept { return {${SYMBOL}_bytes, ${byte_len}}; }
} // namespace ${NAMESPACE}
")
