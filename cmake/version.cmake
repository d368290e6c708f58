# The library's version and ABI major, read from capi/include/mercadopago.h,
# the one place they are written (as libgit2 reads git2/version.h): the header
# must compile on its own, with no configured file beside it.
# Sets MP_VERSION ("x.y.z") and MP_ABI_MAJOR.
file(READ ${CMAKE_CURRENT_LIST_DIR}/../capi/include/mercadopago.h mp_header)
foreach(part MAJOR MINOR PATCH)
  if(NOT mp_header MATCHES "#define MP_VERSION_${part} ([0-9]+)")
    message(FATAL_ERROR "mercadopago.h has no MP_VERSION_${part}")
  endif()
  set(mp_version_${part} ${CMAKE_MATCH_1})
endforeach()
set(MP_VERSION ${mp_version_MAJOR}.${mp_version_MINOR}.${mp_version_PATCH})
if(NOT mp_header MATCHES "#define MP_ABI_MAJOR ([0-9]+)")
  message(FATAL_ERROR "mercadopago.h has no MP_ABI_MAJOR")
endif()
set(MP_ABI_MAJOR ${CMAKE_MATCH_1})
