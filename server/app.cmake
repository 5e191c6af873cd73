# The application: everything but main.cpp in one static library (tests link it), then the
# executable at build/agrirent-server.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

set(OPENAPI_CPP ${CMAKE_CURRENT_BINARY_DIR}/openapi_document.cpp)
add_custom_command(
  OUTPUT ${OPENAPI_CPP}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_CURRENT_SOURCE_DIR}/api/openapi.json
          -DOUTPUT=${OPENAPI_CPP} -DSYMBOL=openapi_document -DNAMESPACE=agrirent::api
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/api/openapi.json ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake
  COMMENT "Embedding server/api/openapi.json")

# HTML pages (issue 5): mustache templates and the static assets, embedded into the binary.
include(${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake)
set(embedded_sources)
agrirent_embed_files(embedded_sources DIR ${CMAKE_CURRENT_SOURCE_DIR}/views/templates
                     GLOB *.mustache NAMESPACE agrirent::views FUNCTION templates)
agrirent_embed_files(embedded_sources DIR ${CMAKE_CURRENT_SOURCE_DIR}/static
                     GLOB * NAMESPACE agrirent::views FUNCTION static_files)

file(GLOB server_sources CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_SOURCE_DIR}/app/*.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/*.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/codec/*.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/http/*.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/i18n/*.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/pages/*.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/views/*.cpp)
add_library(agrirent_server STATIC ${server_sources} ${OPENAPI_CPP} ${embedded_sources})
target_include_directories(agrirent_server PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(agrirent_server
  PUBLIC agrirent_storage agrirent_net agrirent_common Boost::json Boost::url
         Boost::program_options PkgConfig::SODIUM ZLIB::ZLIB agrirent_options
  PRIVATE agrirent_warnings)

add_executable(agrirent-server main.cpp)
target_link_libraries(agrirent-server PRIVATE agrirent_server agrirent_warnings)
