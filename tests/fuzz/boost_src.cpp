// The compiled parts of Boost.JSON and Boost.URL, built with the fuzz instrumentation
// (tests/fuzz/CMakeLists.txt explains why).
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
