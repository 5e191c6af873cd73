// Compiles the definitions of Boost.Beast and Boost.Asio once for the whole program
// (BOOST_BEAST_SEPARATE_COMPILATION / BOOST_ASIO_SEPARATE_COMPILATION are set on agrirent_net).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
