# CPack pre-build script (CPACK_PRE_BUILD_SCRIPTS, set in packaging/cpack.cmake): runs after
# CPack has installed each package's components into its staging folder
# (CPACK_TEMPORARY_DIRECTORY/<group>: lib, dev, sandbox) and before the .debs are made.
#  1. Fails on an install component that packaging/cpack.cmake does not map to a package
#     ("Unspecified" is an install rule with no COMPONENT): its files would be left out.
#  2. Fails unless the build was configured for /usr (the library folder, multiarch on
#     Debian, is chosen when configuring).
#  3. Copies LICENSE (MIT) to each package's /usr/share/doc/<package>/copyright.

if(CPACK_MP_UNMAPPED_COMPONENTS)
  message(FATAL_ERROR "Install components with no Debian package: ${CPACK_MP_UNMAPPED_COMPONENTS} "
                      "(Unspecified: an install rule with no COMPONENT). Give the rule a component, "
                      "or map the component to a package in packaging/cpack.cmake.")
endif()
if(NOT CPACK_MP_CONFIGURED_PREFIX STREQUAL CPACK_PACKAGING_INSTALL_PREFIX)
  message(FATAL_ERROR "The Debian packages are made from a build configured with "
                      "-DCMAKE_INSTALL_PREFIX=${CPACK_PACKAGING_INSTALL_PREFIX} (packaging/dist.sh); "
                      "this one is for ${CPACK_MP_CONFIGURED_PREFIX}.")
endif()
if(NOT EXISTS "${CPACK_MP_LICENSE_FILE}")
  message(FATAL_ERROR "No ${CPACK_MP_LICENSE_FILE} to copy into the packages.")
endif()

set(mp_stage ${CPACK_TEMPORARY_DIRECTORY})
string(REGEX REPLACE "^/" "" mp_prefix "${CPACK_PACKAGING_INSTALL_PREFIX}")

foreach(group lib dev sandbox)
  string(TOUPPER ${group} g)
  configure_file("${CPACK_MP_LICENSE_FILE}"
    ${mp_stage}/${group}/${mp_prefix}/share/doc/${CPACK_DEBIAN_${g}_PACKAGE_NAME}/copyright COPYONLY)
endforeach()
