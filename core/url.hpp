// URLs: the base URL rules, path templates and query strings.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mp {

using Params = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view s);

// Checks a base URL and returns it without a trailing slash. HTTPS always;
// plain HTTP only when the host is a loopback address (the local sandbox),
// so a typo can never send the access token in clear over a network.
// Throws Error(InvalidArgument) otherwise.
std::string normalize_base_url(std::string_view url);

// Fills "{name}" placeholders of a path template from params (values are
// percent-encoded). Throws Error(InvalidArgument) when a placeholder has no
// value or a param names no placeholder.
std::string expand_path(std::string_view templ, const Params &params);

// "?a=1&b=x%20y", or "" when there are no params.
std::string build_query(const Params &params);

// The page where a seller authorizes an application (OAuth authorization
// code flow): https://auth.mercadopago.com/authorization?client_id=...&
// response_type=code&platform_id=mp&state=...&redirect_uri=...
// Throws Error(InvalidArgument) on an empty client id or a redirect URI that
// is not https (or http on loopback).
std::string oauth_authorization_url(std::string_view client_id, std::string_view redirect_uri,
                                    std::string_view state);

} // namespace mp
