/* The PHP 8 extension mercadopago_sandbox: the sandbox's shared interface
 * (bindings/swig/sandbox.i), an extension of its own so that a production
 * PHP process, which loads mercadopago_native only, never loads the sandbox.
 * The layer's MercadoPago\Native\Sandbox wraps these classes. */
%module mercadopago_sandbox

/* phpversion('mercadopago_sandbox'): the sandbox is versioned with the
 * library, whose mercadopago.h has the number (only its macros are used: no
 * link to libmercadopago). The pragma's text lands inside C quotes, hence
 * the splice. */
%{
#include <mercadopago.h>
%}
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

/* A plain \Exception whose code is the mp_sandbox_status; the layer turns it
 * into its InvalidArgumentException. */
%define MPSWIG_SANDBOX_THROW(status, message)
    zend_throw_exception(zend_ce_exception, message, status);
    SWIG_fail
%enddef

/* Classes get the prefix MercadoPagoNative (swig -prefix, CMakeLists.txt),
 * as the client's, and functions mercadopago_sandbox_. */
%rename("mercadopago_sandbox_%s", %$isfunction, %$not %$ismember) "";

%include "../swig/sandbox.i"
