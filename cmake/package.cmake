# The Debian package (issue 12, docs/deployment.md): `cmake --build build --target package` (or
# `cpack -G DEB` in the build folder), once agrirent-server is built, writes
# build/agrirent_<version>-<release>_<arch>.deb with the server, its systemd units,
# /etc/agrirent/agrirent.conf (a conffile) and the documentation.
# Templates, static files and the holiday table are compiled into the binary: nothing else is
# read at run time except the OS time zone database (tzdata).
include(GNUInstallDirs)
# Packaging (and `cmake --install`) installs what is built, without first building every target:
# the tests are not needed for the package (build agrirent-server first, as above).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(pkg ${PROJECT_SOURCE_DIR}/packaging)
install(TARGETS agrirent-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Absolute on purpose: the configuration lives in /etc whatever the prefix (/usr in the package).
install(FILES ${pkg}/agrirent.conf DESTINATION /etc/agrirent)
install(FILES ${pkg}/systemd/agrirent.service ${pkg}/systemd/agrirent-backup.service
              ${pkg}/systemd/agrirent-backup.timer
        DESTINATION lib/systemd/system)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/sqlite-to-postgres.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/agrirent)
install(FILES ${PROJECT_SOURCE_DIR}/docs/deployment.md ${PROJECT_SOURCE_DIR}/docs/durability.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${pkg}/nginx/agrirent.conf DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        RENAME nginx-agrirent.conf)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME agrirent)
set(CPACK_PACKAGE_VENDOR "agrirent")
set(CPACK_PACKAGE_CONTACT "agrirent maintainers <agrirent@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "reservation server for agricultural machinery rental offices (농기계 임대사업소)")
set(CPACK_PACKAGE_DESCRIPTION
    "agrirent-server serves the farmers' and staff pages and a JSON API of a city's agricultural \
machinery rental offices: bookings by phone and web, pickups, returns, fees, the office calendar. \
One binary on an embedded SQLite file, or several servers on one PostgreSQL database; a systemd \
unit with a sandbox, and a nightly online backup timer.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Package versions must grow for upgrades: the project's version, plus an optional release
# number (-DAGRIRENT_PACKAGE_RELEASE=2 → 0.1.0-2).
set(AGRIRENT_PACKAGE_RELEASE "1" CACHE STRING "Debian revision of the agrirent package")
set(CPACK_DEBIAN_PACKAGE_RELEASE ${AGRIRENT_PACKAGE_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages (libsqlite3-0, libsodium23, libboost-*, libpq5, …) found by
# dpkg-shlibdeps from the binary; the rest by hand: adduser for postinst, tzdata for Asia/Seoul.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, sqlite3, postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${pkg}/debian/conffiles ${pkg}/debian/preinst ${pkg}/debian/postinst ${pkg}/debian/prerm
    ${pkg}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
