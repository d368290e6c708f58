#include "redact.hpp"

#include <vector>

namespace mp {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Masks runs of 13-19 digits: the length of every card number (PAN).
std::string mask_card_numbers(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            out.push_back(text[i++]);
            continue;
        }
        size_t j = i;
        while (j < text.size() && is_digit(text[j])) ++j;
        size_t n = j - i;
        if (n >= 13 && n <= 19)
            out += kRedacted;
        else
            out.append(text.substr(i, n));
        i = j;
    }
    return out;
}

bool sensitive_key(std::string_view key, std::string_view parent) {
    for (std::string_view k : {"card_number", "security_code", "access_token", "refresh_token",
                               "client_secret", "password", "code_verifier"})
        if (key == k) return true;
    return key == "number" && parent == "identification";
}

} // namespace

std::string redact_text(std::string_view text, std::string_view secret) {
    std::string s(text);
    if (secret.size() >= 4)
        for (size_t pos = s.find(secret); pos != std::string::npos; pos = s.find(secret, pos))
            s.replace(pos, secret.size(), kRedacted);
    return mask_card_numbers(s);
}

std::string redact_json(std::string_view json, std::string_view secret) {
    // A small tokenizer: it tracks the key of each open container, so it can
    // tell which member a value belongs to without building a document.
    std::string out;
    out.reserve(json.size());
    struct Frame {
        bool object;
        std::string key;     // key of the member being read (objects)
        std::string own_key; // the key this container is the value of
    };
    std::vector<Frame> stack;
    bool expect_key = false;
    size_t i = 0;
    auto member_key = [&]() -> std::string_view {
        return !stack.empty() && stack.back().object ? std::string_view(stack.back().key) : "";
    };
    auto parent_key = [&]() -> std::string_view {
        return stack.empty() ? "" : std::string_view(stack.back().own_key);
    };
    while (i < json.size()) {
        char c = json[i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < json.size() && json[j] != '"') j += json[j] == '\\' ? 2 : 1;
            if (j >= json.size()) return redact_text(json, secret); // not JSON after all
            std::string_view str = json.substr(i + 1, j - i - 1);
            if (expect_key) {
                stack.back().key = std::string(str);
                out.append(json.substr(i, j - i + 1));
                expect_key = false;
            } else if (sensitive_key(member_key(), parent_key())) {
                out += "\"";
                out += kRedacted;
                out += "\"";
            } else {
                out.append(json.substr(i, j - i + 1));
            }
            i = j + 1;
            continue;
        }
        switch (c) {
        case '{':
        case '[':
            stack.push_back({c == '{', "", std::string(member_key())});
            expect_key = c == '{';
            out.push_back(c);
            break;
        case '}':
        case ']':
            if (!stack.empty()) stack.pop_back();
            out.push_back(c);
            break;
        case ',':
            expect_key = !stack.empty() && stack.back().object;
            out.push_back(c);
            break;
        default:
            if (is_digit(c) || c == '-') {
                size_t j = i;
                while (j < json.size() && (is_digit(json[j]) || json[j] == '-' || json[j] == '.' ||
                                           json[j] == 'e' || json[j] == 'E' || json[j] == '+'))
                    ++j;
                if (sensitive_key(member_key(), parent_key())) {
                    out += '"';
                    out += kRedacted;
                    out += '"';
                } else
                    out.append(json.substr(i, j - i));
                i = j;
                continue;
            }
            out.push_back(c);
        }
        ++i;
    }
    return redact_text(out, secret);
}

} // namespace mp
