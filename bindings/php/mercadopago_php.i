/* The PHP 8 extension mercadopago_native: the shared interface
 * (bindings/swig/mercadopago.i) plus what is PHP's own. The idiomatic layer
 * (src/, namespace MercadoPago\Native) wraps these classes. */
%module mercadopago_native

/* phpversion('mercadopago_native'): the version of the mercadopago.h it was built
 * with (the pragma's text lands inside C quotes, hence the splice). */
%pragma(php) version="\" MP_VERSION_STRING \""

/* One SWIG type table per extension, kept in the extension: SWIG would
 * publish it as a global PHP constant (swig_runtime_data_type_pointer) to
 * share it with other SWIG extensions, and ours share no types. The two
 * functions SWIG defines for that are referenced so as not to be unused. */
%runtime %{
static swig_module_info *mpswig_php_types = NULL;
#undef SWIG_GetModule
#undef SWIG_SetModule
#define SWIG_GetModule(clientdata) ((void)SWIG_Php_GetModule, mpswig_php_types)
#define SWIG_SetModule(clientdata, pointer)                                                        \
    ((void)SWIG_Php_SetModule, (void)(clientdata), mpswig_php_types = (pointer))
%}

%{
#include <mercadopago.hpp>

/* A failed call throws a plain \Exception whose code is the mp_status; the
 * layer then takes the full snapshot with take_failure() and throws the
 * class of the error-class table. */
static thread_local std::unique_ptr<mercadopago::Error> mpswig_php_pending;
#define MPSWIG_THROW_IMPL(e)                                                                       \
    do {                                                                                           \
        mpswig_php_pending.reset(new mercadopago::Error(e));                                       \
        zend_throw_exception(zend_ce_exception, mpswig_php_pending->status_name(),                 \
                             mpswig_php_pending->status());                                        \
    } while (0)
%}

%define MPSWIG_THROW(e) MPSWIG_THROW_IMPL(e); SWIG_fail %enddef

/* Bytes out: a PHP string (binary-safe), null for "none". */
%typemap(out) mercadopago::Bytes %{
    if ($1.data) {
        RETVAL_STRINGL($1.data, $1.len);
    } else {
        RETVAL_NULL();
    }
%}

/* Bytes in: a PHP string with its length (NUL bytes kept). Anything else is
 * refused rather than converted, so that a wrong argument is a clear error. */
%typemap(in) (const char *data, size_t len) %{
    if (Z_TYPE($input) != IS_STRING) {
        zend_type_error("expected a string");
        SWIG_fail;
    }
    $1 = Z_STRVAL($input);
    $2 = Z_STRLEN($input);
%}
%typemap(typecheck) (const char *data, size_t len) %{ $1 = (Z_TYPE($input) == IS_STRING); %}

/* PHP has no C++ namespaces here: the classes get the prefix
 * MercadoPagoNative (swig -prefix, see CMakeLists.txt) and the functions
 * mercadopago_native_, so that nothing global such as Client or version()
 * can clash with an application's own names. */
%rename("mercadopago_native_%s", %$isfunction, %$not %$ismember) "";

%include "../swig/mercadopago.i"

/* The values of the option table's type and scope columns (mercadopago.h),
 * for the layer's Options, which reads its rows (mercadopago_native_option_*). */
%constant int MERCADOPAGO_NATIVE_OPTION_STRING = MP_OPTION_STRING;
%constant int MERCADOPAGO_NATIVE_OPTION_INT = MP_OPTION_INT;
%constant int MERCADOPAGO_NATIVE_OPTION_SECONDS = MP_OPTION_SECONDS;
%constant int MERCADOPAGO_NATIVE_OPTION_BOOL = MP_OPTION_BOOL;
%constant int MERCADOPAGO_NATIVE_OPTION_HEADERS = MP_OPTION_HEADERS;
%constant int MERCADOPAGO_NATIVE_OPTION_CLIENT = MP_OPTION_CLIENT;
%constant int MERCADOPAGO_NATIVE_OPTION_CALL = MP_OPTION_CALL;
%constant int MERCADOPAGO_NATIVE_OPTION_PAGES = MP_OPTION_PAGES;

/* The snapshot of the failure just thrown on this thread (null if none). */
%noexception mpswig_take_failure;
%rename(mercadopago_native_take_failure) mpswig_take_failure;
%inline %{
std::unique_ptr<mercadopago::Error> mpswig_take_failure() { return std::move(mpswig_php_pending); }
%}
