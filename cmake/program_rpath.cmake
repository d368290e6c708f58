# MP_PROGRAM_RPATH: the RPATH that lets an installed program (mp-sandbox)
# find the installed libraries from whatever prefix it is installed or moved
# to. Empty when the library folder is one the system searches anyway (a
# package built for /usr). Needs GNUInstallDirs and an enabled C++ language.
file(RELATIVE_PATH MP_BIN_TO_LIB ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
if(CMAKE_INSTALL_FULL_LIBDIR IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
  set(MP_PROGRAM_RPATH "")
else()
  set(MP_PROGRAM_RPATH "$ORIGIN/${MP_BIN_TO_LIB}")
endif()
