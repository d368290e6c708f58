dnl The mercadopago_native PHP extension (the Mercado Pago API client), built
dnl the PECL way against an installed libmercadopago (libmercadopago-dev:
dnl mercadopago.h, mercadopago.hpp, mercadopago.pc):
dnl   phpize && ./configure && make && make install
dnl libmercadopago is found with pkg-config, or under a prefix:
dnl   ./configure --with-mercadopago-native=/opt/mercadopago
dnl mercadopago_native_wrap.cpp is SWIG's output, made when this package was
dnl (packaging/php_ext.sh): building needs no SWIG.

PHP_ARG_WITH([mercadopago-native],
  [for the mercadopago_native extension],
  [AS_HELP_STRING([[--with-mercadopago-native[=DIR]]],
    [The Mercado Pago API client (libmercadopago, found with pkg-config or under DIR)])],
  [yes])

if test "$PHP_MERCADOPAGO_NATIVE" != "no"; then
  AC_PATH_PROG([MP_PKG_CONFIG], [pkg-config], [no])
  if test "$MP_PKG_CONFIG" = "no"; then
    AC_MSG_ERROR([pkg-config is needed to find libmercadopago (apt install pkg-config)])
  fi
  if test "$PHP_MERCADOPAGO_NATIVE" != "yes"; then
    PKG_CONFIG_PATH="$PHP_MERCADOPAGO_NATIVE/lib/pkgconfig:`echo $PHP_MERCADOPAGO_NATIVE/lib/*/pkgconfig | tr ' ' ':'`${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
    export PKG_CONFIG_PATH
  fi
  dnl The wrapper calls mercadopago.hpp of the version it was made from.
  AC_MSG_CHECKING([for libmercadopago >= @MP_VERSION@])
  if $MP_PKG_CONFIG --atleast-version=@MP_VERSION@ mercadopago; then
    MP_FOUND_VERSION=`$MP_PKG_CONFIG --modversion mercadopago`
    AC_MSG_RESULT([$MP_FOUND_VERSION])
  else
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([libmercadopago @MP_VERSION@ or newer was not found: install libmercadopago-dev, or give its prefix with --with-mercadopago-native=DIR])
  fi
  MP_CFLAGS=`$MP_PKG_CONFIG --cflags mercadopago`
  MP_LIBS=`$MP_PKG_CONFIG --libs mercadopago`
  PHP_EVAL_INCLINE([$MP_CFLAGS])
  PHP_EVAL_LIBLINE([$MP_LIBS], [MERCADOPAGO_NATIVE_SHARED_LIBADD])
  PHP_SUBST([MERCADOPAGO_NATIVE_SHARED_LIBADD])

  PHP_REQUIRE_CXX()
  PHP_CXX_COMPILE_STDCXX([17], [mandatory], [MP_PHP_STDCXX])
  dnl Hidden symbols: only get_module is exported (SWIGEXPORT).
  PHP_NEW_EXTENSION([mercadopago_native], [mercadopago_native_wrap.cpp], [$ext_shared], [],
    [$MP_PHP_STDCXX -fvisibility=hidden -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1], [cxx])
fi
