# Debian packages (CPack's DEB generator) made from the install components:
#
#   libmercadopago<ABI>    component runtime      the .so.<ABI> (and the file it names)
#   libmercadopago-dev     component dev          mercadopago.h/.hpp, the .so link, pkg-config,
#                                                 the CMake package; Depends: the runtime (= version)
#   mercadopago-sandbox    components sandbox,    mp-sandbox, libmercadopago-sandbox.so.*, and
#                          sandbox-dev            the sandbox's dev files (mp_sandbox.h/.hpp, its
#                                                 .so link, .pc and CMake targets): a test tool,
#                                                 so what a test suite embeds it with comes along
#
# An install rule with no COMPONENT ("Unspecified") or a new component fails the packaging
# (packaging/cpack_prebuild.cmake) until it is mapped here, rather than a file going missing.
# Built by packaging/dist.sh: configure with -DCMAKE_INSTALL_PREFIX=/usr, then cpack -G DEB.
# The version is PROJECT_VERSION (mercadopago.h); the runtime's name carries MP_ABI_MAJOR.

# Only when libmercadopago is the top-level project: inside someone else's build (the Python
# binding's, an add_subdirectory) the packaging is theirs.
if(NOT CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
  return()
endif()

set(MP_PACKAGE_MAINTAINER "libmercadopago maintainers <maintainers@users.noreply.r-seed-f66e9014.example>"
    CACHE STRING "Maintainer field of the Debian packages")
set(MP_PACKAGE_HOMEPAGE "https://www.mercadopago.com/developers"
    CACHE STRING "Homepage field of the Debian packages")

set(CPACK_PACKAGE_NAME mercadopago)
set(CPACK_PACKAGE_VENDOR "The libmercadopago contributors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${MP_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${MP_PACKAGE_HOMEPAGE}")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# (The sandbox library mp-sandbox needs is in the same package: dpkg-shlibdeps finds it in the
# staging tree and adds no dependency for it.)
# DEBIAN/shlibs for the libraries ("libmercadopago 0 libmercadopago0 (>= x.y.z)"), so that
# programs packaged against them get their dependency from dpkg-shlibdeps too.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

# Component -> package (a CPack group; the DEB generator names its variables after the group).
set(mp_runtime_package libmercadopago${MP_ABI_MAJOR})
set(CPACK_COMPONENT_RUNTIME_GROUP lib)
set(CPACK_COMPONENT_DEV_GROUP dev)
set(CPACK_COMPONENT_SANDBOX_GROUP sandbox)
set(CPACK_COMPONENT_SANDBOX-DEV_GROUP sandbox)
set(mp_packaged_components runtime dev sandbox sandbox-dev)
# The bindings are shipped as their own artifacts (wheel, PHP, jar), never in a .deb.
set(mp_unpackaged_components python php java)

set(CPACK_DEBIAN_LIB_PACKAGE_NAME ${mp_runtime_package})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_DESCRIPTION "Mercado Pago payments API client (C ABI)
libmercadopago is a client for the Mercado Pago payments API: a C++20 core
behind a stable, handle-based C ABI. Idempotency keys on every write, retries
with backoff, timeouts, typed errors with the request id, redaction of tokens
and card data, paging, batches and webhook verification.
.
This package contains the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libmercadopago-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${mp_runtime_package} (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_DESCRIPTION "Mercado Pago payments API client (development files)
libmercadopago is a client for the Mercado Pago payments API: a C++20 core
behind a stable, handle-based C ABI.
.
This package contains the C header mercadopago.h (C89 and C++), the
header-only C++ API mercadopago.hpp, the pkg-config file and the CMake
package (find_package(mercadopago)).")

set(CPACK_DEBIAN_SANDBOX_PACKAGE_NAME mercadopago-sandbox)
set(CPACK_DEBIAN_SANDBOX_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_SANDBOX_PACKAGE_SUGGESTS libmercadopago-dev)
set(CPACK_DEBIAN_SANDBOX_DESCRIPTION "Local emulator of the Mercado Pago payments API
mp-sandbox emulates the Mercado Pago API in memory, over HTTP or HTTPS with a
CA of its own: card tokens from the test cards with their cardholder-name
outcomes, payments, refunds, customers and cards, searches, idempotency,
the API's errors, signed webhooks and fault injection, so that a payments
integration and its tests run offline.
.
This package contains the mp-sandbox program and the embeddable library
libmercadopago-sandbox with its header, pkg-config file and CMake targets.")

# Every component must have a package, or be one of the bindings': the pre-build
# script fails the packaging on any other (a file that would silently be left out).
get_cmake_property(mp_components COMPONENTS)
set(CPACK_MP_UNMAPPED_COMPONENTS "")
foreach(c IN LISTS mp_components)
  if(NOT c IN_LIST mp_packaged_components AND NOT c IN_LIST mp_unpackaged_components)
    list(APPEND CPACK_MP_UNMAPPED_COMPONENTS ${c})
  endif()
endforeach()
set(CPACK_COMPONENTS_ALL "")
foreach(c IN LISTS mp_packaged_components)
  if(c IN_LIST mp_components)
    list(APPEND CPACK_COMPONENTS_ALL ${c})
  endif()
endforeach()
set(CPACK_MP_LICENSE_FILE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_MP_CONFIGURED_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/cpack_prebuild.cmake)

include(CPack)
