#include "url.hpp"

#include "error.hpp"

#include <algorithm>

namespace mp {

std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0x0F]);
        }
    }
    return out;
}

namespace {

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "[::1]") return true;
    // 127.0.0.0/8: "127." followed by digits and dots only.
    if (host.substr(0, 4) != "127.") return false;
    return std::all_of(host.begin() + 4, host.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

} // namespace

std::string normalize_base_url(std::string_view url) {
    auto invalid = [&](const std::string &why) {
        return Error(ErrorKind::InvalidArgument, "invalid base URL: " + why);
    };
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F)
            throw invalid("it contains spaces or control characters");

    bool https = url.substr(0, 8) == "https://";
    bool http = url.substr(0, 7) == "http://";
    if (!https && !http) throw invalid("it must start with https://");
    std::string_view rest = url.substr(https ? 8 : 7);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.empty()) throw invalid("it has no host");
    if (authority.find('@') != std::string_view::npos)
        throw invalid("credentials in the URL are not allowed");
    std::string_view host = authority;
    if (host.front() == '[') {
        host = host.substr(0, host.find(']') + 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    if (http && !is_loopback_host(host))
        throw invalid("plain http:// is allowed only for a loopback host (the local sandbox)");
    if (rest.find_first_of("?#") != std::string_view::npos)
        throw invalid("it must not have a query or fragment");

    std::string out(url);
    while (!out.empty() && out.back() == '/')
        out.pop_back();
    return out;
}

std::string expand_path(std::string_view templ, const Params &params) {
    std::string out;
    out.reserve(templ.size() + 32);
    std::vector<bool> used(params.size(), false);
    size_t i = 0;
    while (i < templ.size()) {
        size_t open = templ.find('{', i);
        if (open == std::string_view::npos) {
            out.append(templ.substr(i));
            break;
        }
        size_t close = templ.find('}', open);
        if (close == std::string_view::npos)
            throw Error(ErrorKind::InvalidArgument,
                        "malformed path template " + std::string(templ) + ": '{' is not closed");
        out.append(templ.substr(i, open - i));
        std::string_view name = templ.substr(open + 1, close - open - 1);
        size_t k = 0;
        while (k < params.size() && params[k].first != name)
            ++k;
        if (k == params.size())
            throw Error(ErrorKind::InvalidArgument,
                        "missing path parameter '" + std::string(name) + "'");
        if (params[k].second.empty())
            throw Error(ErrorKind::InvalidArgument,
                        "path parameter '" + std::string(name) + "' is empty");
        used[k] = true;
        out += url_encode(params[k].second);
        i = close + 1;
    }
    for (size_t k = 0; k < params.size(); ++k)
        if (!used[k])
            throw Error(ErrorKind::InvalidArgument, "unknown path parameter '" + params[k].first +
                                                        "' for " + std::string(templ));
    return out;
}

std::string build_query(const Params &params) {
    std::string out;
    for (const auto &[k, v] : params) {
        out.push_back(out.empty() ? '?' : '&');
        out += url_encode(k);
        out.push_back('=');
        out += url_encode(v);
    }
    return out;
}

std::string oauth_authorization_url(std::string_view client_id, std::string_view redirect_uri,
                                    std::string_view state) {
    if (client_id.empty()) throw Error(ErrorKind::InvalidArgument, "the OAuth client id is empty");
    normalize_base_url(redirect_uri.substr(0, redirect_uri.find_first_of("?#"))); // https only
    std::string url = "https://auth.mercadopago.com/authorization";
    Params q = {
        {"client_id", std::string(client_id)}, {"response_type", "code"}, {"platform_id", "mp"}};
    if (!state.empty()) q.emplace_back("state", std::string(state));
    q.emplace_back("redirect_uri", std::string(redirect_uri));
    return url + build_query(q);
}

} // namespace mp
