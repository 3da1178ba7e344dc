# `cmake --install` and the Debian package (`cpack -G DEB` in a build tree). Installed:
#   bin/glitchtip-gitops
#   share/glitchtip-gitops/schemas/*.schema.json   what `glitchtip-gitops schema --write` writes
#   share/doc/glitchtip-gitops/help/*.txt          every command's --help, as the binary prints it
#   share/glitchtip-gitops/ci/                      the pipelines' scripts (examples/ci/scripts/)
#   share/doc/glitchtip-gitops/                    README.md and docs/*.md
# Only the tool: the emulator, the tests and the benchmarks install nothing.
include(GNUInstallDirs)

install(TARGETS glitchtip-gitops RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The schemas as `schema --write` writes them (the combined definitions.schema.json too), made
# by the binary itself so that the files can never differ from what it validates with.
set(GG_SCHEMA_OUT ${PROJECT_BINARY_DIR}/share/schemas)
set(GG_HELP_OUT ${PROJECT_BINARY_DIR}/share/help)
add_custom_command(
  OUTPUT ${GG_SCHEMA_OUT}/definitions.schema.json ${GG_HELP_OUT}/glitchtip-gitops.txt
  COMMAND $<TARGET_FILE:glitchtip-gitops> schema --write ${GG_SCHEMA_OUT} > /dev/null
  COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:glitchtip-gitops> -DOUTPUT_DIR=${GG_HELP_OUT}
          -P ${PROJECT_SOURCE_DIR}/cmake/HelpTexts.cmake
  DEPENDS glitchtip-gitops ${PROJECT_SOURCE_DIR}/cmake/HelpTexts.cmake
  COMMENT "Writing the schemas and --help texts glitchtip-gitops installs")
add_custom_target(gg_share ALL DEPENDS ${GG_SCHEMA_OUT}/definitions.schema.json
                                       ${GG_HELP_OUT}/glitchtip-gitops.txt)
install(DIRECTORY ${GG_SCHEMA_OUT}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/glitchtip-gitops/schemas)
install(DIRECTORY ${GG_HELP_OUT}/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/help)
file(GLOB GG_CI_SCRIPTS ${PROJECT_SOURCE_DIR}/examples/ci/scripts/*.sh)
foreach(script ${GG_CI_SCRIPTS})
  if(script MATCHES "-lib\\.sh$|/lib\\.sh$")
    install(FILES ${script} DESTINATION ${CMAKE_INSTALL_DATADIR}/glitchtip-gitops/ci)
  else()
    install(PROGRAMS ${script} DESTINATION ${CMAKE_INSTALL_DATADIR}/glitchtip-gitops/ci)
  endif()
endforeach()
file(GLOB GG_DOCS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${GG_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The .deb: Depends is computed by dpkg-shlibdeps from the libraries the binary links
# (libyaml-cpp, libcurl, libssl, libutf8proc, libstdc++...), so it names runtime packages
# only; the -dev packages (and Qt and Poco, which libvalijson-dev pulls in) stay build-only.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME glitchtip-gitops)
set(CPACK_PACKAGE_VENDOR glitchtip-gitops)
set(CPACK_PACKAGE_CONTACT "glitchtip-gitops maintainers <glitchtip-gitops@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Manage GlitchTip organizations, teams, projects and members from YAML in git")
set(CPACK_PACKAGE_DESCRIPTION
    "glitchtip-gitops plans and applies GlitchTip changes from YAML definitions kept in git:\n\
validate, plan (a reviewed plan file), apply exactly that plan, with a snapshot of what it\n\
manages.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "curl, jq")  # for the CI scripts only
set(CPACK_STRIP_FILES ON)
include(CPack)
