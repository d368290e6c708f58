/* The embedded sandbox for the users' own tests: mp_sandbox.hpp's classes as
 * they are (SandboxOptions, SandboxFault, Sandbox), and the statuses and fault
 * kinds of mp_sandbox.h as constants. */
%{
#include <mp_sandbox.hpp>
%}

/* The languages arm one SandboxFault at a time (their own lists). */
%ignore mercadopago::Sandbox::arm_faults;
/* SandboxError crosses as the language's InvalidArgument failure (mercadopago.i). */
%ignore mercadopago::SandboxError;

/* The header's enums as constants (MP_SANDBOX_FAULT_STALL, ...); its
 * functions are reached through the classes. */
%rename("$ignore", regextarget=1, %$isfunction) "^mp_sandbox_";
#define __attribute__(x)
%include <mp_sandbox.h>
%include <mp_sandbox.hpp>
