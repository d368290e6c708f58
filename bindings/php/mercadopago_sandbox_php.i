/* The PHP 8 extension mercadopago_sandbox: the sandbox's shared interface
 * (bindings/swig/sandbox.i), an extension of its own so that a production
 * PHP process, which loads mercadopago_native only, never loads the sandbox.
 * The layer's MercadoPago\Native\Sandbox wraps these classes. */
%module mercadopago_sandbox

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
