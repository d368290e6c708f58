/* The sandbox's interface, shared by the SWIG languages' sandbox modules
 * (PHP's mercadopago_sandbox extension, Java's sandbox jar), separate from
 * the client's (mercadopago.i) so that production code never loads
 * libmercadopago-sandbox: mp_sandbox.hpp's classes as they are
 * (SandboxOptions, SandboxFault, Sandbox), and the statuses and fault kinds
 * of mp_sandbox.h as constants.
 *
 * The per-language file declares the %module, defines
 * MPSWIG_SANDBOX_THROW(status, message) (raise the language's exception for
 * an mp_sandbox_status and a C string), then %includes this file. */
%{
#include <mp_sandbox.hpp>

#include <new>
#include <stdexcept>
%}

%include <std_string.i>

%exception {
    try {
        $action
    } catch (const mercadopago::SandboxError &e) {
        MPSWIG_SANDBOX_THROW(e.status(), e.what());
    } catch (const std::bad_alloc &) {
        MPSWIG_SANDBOX_THROW(MP_SANDBOX_ERR_NO_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        MPSWIG_SANDBOX_THROW(MP_SANDBOX_ERR_INTERNAL, e.what());
    }
}

/* The languages arm one SandboxFault at a time (their own lists). */
%ignore mercadopago::Sandbox::arm_faults;
/* SandboxError crosses as the language's exception (MPSWIG_SANDBOX_THROW). */
%ignore mercadopago::SandboxError;

/* The header's enums as constants (MP_SANDBOX_FAULT_STALL, ...); its
 * functions are reached through the classes. */
%rename("$ignore", regextarget=1, %$isfunction) "^mp_sandbox_";
#define __attribute__(x)
%include <mp_sandbox.h>
%include <mp_sandbox.hpp>
