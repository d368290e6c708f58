// The sandbox's version: the project's, written once in the client's mercadopago.h (only its
// macros are used here: the sandbox does not link libmercadopago).
#pragma once

#include <mercadopago.h>

namespace mp::sandbox {

inline constexpr const char *kVersion = MP_VERSION_STRING;

} // namespace mp::sandbox
