#include "redact.hpp"

#include "ascii.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace mp {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
    return is_digit(c) || is_alpha(c);
}

bool istarts_with(std::string_view s, size_t at, std::string_view prefix) {
    return s.size() - at >= prefix.size() && iequals(s.substr(at, prefix.size()), prefix);
}

void replace_secret(std::string &s, std::string_view secret) {
    if (secret.size() < 3) return;
    // Search on after the marker: a secret may occur inside "[REDACTED]".
    for (size_t pos = s.find(secret); pos != std::string::npos;
         pos = s.find(secret, pos + kRedacted.size()))
        s.replace(pos, secret.size(), kRedacted);
}

// "APP_USR-..." / "TEST-..." followed by 16 or more token characters: an
// access token (or a public key) that is not one of the secrets we know.
std::string mask_token_shapes(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        size_t prefix = s.compare(i, 8, "APP_USR-") == 0 ? 8
                        : s.compare(i, 5, "TEST-") == 0  ? 5
                                                         : 0;
        bool boundary = i == 0 || !(is_alnum(s[i - 1]) || s[i - 1] == '_');
        if (prefix && boundary) {
            size_t j = i + prefix;
            while (j < s.size() && (is_alnum(s[j]) || s[j] == '-' || s[j] == '_'))
                ++j;
            if (j - i - prefix >= 16) {
                out += kRedacted;
                i = j;
                continue;
            }
        }
        out.push_back(s[i++]);
    }
    return out;
}

// Words whose next value is a secret. Longest first, so that "card number"
// wins over a shorter word at the same place.
struct Word {
    std::string_view text;
    bool any_value; // passwords and tokens: any value; the others hold digits
};
constexpr Word kWords[] = {
    {"identification number", false},
    {"identification_number", false},
    {"expiration_month", false},
    {"expiration_year", false},
    {"expiration_date", false},
    {"document_number", false},
    {"document number", false},
    {"security_code", false},
    {"security code", false},
    {"refresh_token", true},
    {"client_secret", true},
    {"securitycode", false},
    {"access_token", true},
    {"access token", true},
    {"card_number", false},
    {"card number", false},
    {"cardnumber", false},
    {"doc_number", false},
    {"expiration", false},
    {"identification", false},
    {"document", false},
    {"password", true},
    {"expiry", false},
    {"cvv2", false},
    {"cnpj", false},
    {"cuit", false},
    {"cuil", false},
    {"cvv", false},
    {"cvc", false},
    {"cpf", false},
    {"dni", false},
    {"rut", false},
};

bool connector_char(char c) {
    return c == ' ' || c == '\t' || c == ':' || c == '=' || c == '"' || c == '\'' || c == '_' ||
           c == '-' || c == '(' || c == ')' || c == '#';
}

// The value after a sensitive word: "security code is 123" -> "123".
std::string mask_word_values(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const Word *word = nullptr;
        if (is_alpha(s[i]) && (i == 0 || !is_alnum(s[i - 1])))
            for (const Word &w : kWords)
                if (istarts_with(s, i, w.text) &&
                    (i + w.text.size() == s.size() || !is_alpha(s[i + w.text.size()]))) {
                    word = &w;
                    break;
                }
        if (!word) {
            out.push_back(s[i++]);
            continue;
        }
        size_t j = i + word->text.size();
        // Separators and a few linking words, within a short distance.
        const size_t limit = j + 32;
        for (bool moved = true; moved && j < s.size() && j < limit;) {
            moved = false;
            while (j < s.size() && j < limit && connector_char(s[j]))
                moved = true, ++j;
            for (std::string_view link : {"is", "number", "no", "nro", "num", "was", "value", "of"})
                if (istarts_with(s, j, link) &&
                    (j + link.size() == s.size() || !is_alnum(s[j + link.size()]))) {
                    j += link.size();
                    moved = true;
                    break;
                }
        }
        size_t v = j;
        bool digits = false;
        while (v < s.size() &&
               (is_alnum(s[v]) || s[v] == '.' || s[v] == '/' || s[v] == '-' ||
                (word->any_value && s[v] != ' ' && s[v] != '"' && s[v] != '\'' && s[v] != '\\' &&
                 s[v] != ',' && s[v] != ';' && static_cast<unsigned char>(s[v]) > 0x20))) {
            digits = digits || is_digit(s[v]);
            ++v;
        }
        out.append(s.substr(i, j - i));
        if (v > j && (digits || word->any_value)) {
            out += kRedacted;
        } else {
            out.append(s.substr(j, v - j));
        }
        i = v;
    }
    return out;
}

bool luhn(std::string_view digits) {
    int sum = 0;
    bool twice = false;
    for (size_t k = digits.size(); k-- > 0;) {
        int d = digits[k] - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

// Card numbers: a run of 13-19 digits; or, as people write them, groups of
// 3 to 6 digits separated by single spaces or dashes ("4509 9535 6623 3704",
// "3711-803032-57522") whose 13-19 digits pass the Luhn check, and that do
// not start or end inside a longer token such as a UUID.
std::string mask_card_numbers(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            out.push_back(text[i++]);
            continue;
        }
        // The chain of digit groups that starts here.
        struct Group {
            size_t begin, end;
            size_t size() const { return end - begin; }
            bool formatted() const { return size() >= 3 && size() <= 6; }
        };
        std::vector<Group> groups;
        size_t j = i;
        for (;;) {
            size_t b = j;
            while (j < text.size() && is_digit(text[j]))
                ++j;
            groups.push_back({b, j});
            if (j + 1 < text.size() && (text[j] == ' ' || text[j] == '-') && is_digit(text[j + 1]))
                ++j;
            else
                break;
        }
        bool alone_before = i == 0 || !(is_alnum(text[i - 1]) || text[i - 1] == '_');
        bool alone_after =
            j == text.size() ||
            !(is_alnum(text[j]) || text[j] == '_' ||
              ((text[j] == '-' || text[j] == '.') && j + 1 < text.size() && is_alnum(text[j + 1])));
        size_t at = i; // copied up to here
        auto mask = [&](size_t begin, size_t end) {
            out.append(text.substr(at, begin - at));
            out += kRedacted;
            at = end;
        };
        for (size_t a = 0; a < groups.size(); ++a) {
            if (groups[a].size() >= 13 && groups[a].size() <= 19) {
                mask(groups[a].begin, groups[a].end);
                continue;
            }
            if (!groups[a].formatted() || (a == 0 && !alone_before)) continue;
            std::string digits;
            for (size_t b = a; b < groups.size() && groups[b].formatted(); ++b) {
                digits.append(text.substr(groups[b].begin, groups[b].size()));
                if (digits.size() > 19) break;
                bool last = b + 1 == groups.size();
                if (b > a && digits.size() >= 13 && (!last || alone_after) && luhn(digits)) {
                    mask(groups[a].begin, groups[b].end);
                    a = b;
                    break;
                }
            }
        }
        out.append(text.substr(at, j - at));
        i = j;
    }
    return out;
}

bool sensitive_key(std::string_view key, std::string_view parent) {
    for (std::string_view k :
         {"card_number", "security_code", "cvv", "cvc", "token", "access_token", "refresh_token",
          "client_secret", "password", "code_verifier", "expiration_month", "expiration_year",
          "expiration_date", "doc_number", "document_number", "identification_number"})
        if (iequals(key, k)) return true;
    return iequals(key, "number") && iequals(parent, "identification");
}

bool number_char(char c) {
    return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Whether text is the inside of a valid JSON string (escapes, no raw quote
// or control character): redaction must not break what it rewrites.
bool valid_string_content(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c < 0x20) return false;
        if (c != '\\') continue;
        if (++i >= s.size()) return false;
        if (s[i] == 'u') {
            for (int k = 0; k < 4; ++k)
                if (++i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i])))
                    return false;
        } else if (std::string_view("\"\\/bfnrt").find(s[i]) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

void append_utf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The text a JSON string's inside stands for (valid_string_content holds);
// a lone surrogate becomes U+FFFD.
std::string json_unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto hex4 = [&](size_t at) {
        return static_cast<uint32_t>(std::stoul(std::string(s.substr(at, 4)), nullptr, 16));
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out.push_back(s[i]);
            continue;
        }
        char e = s[++i];
        if (e != 'u') {
            out.push_back(e == 'b'   ? '\b'
                          : e == 'f' ? '\f'
                          : e == 'n' ? '\n'
                          : e == 'r' ? '\r'
                          : e == 't' ? '\t'
                                     : e);
            continue;
        }
        uint32_t cp = hex4(i + 1);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < s.size() && s.compare(i + 1, 2, "\\u") == 0 &&
            valid_string_content(s.substr(i + 1, 6))) {
            uint32_t low = hex4(i + 3);
            if (low >= 0xDC00 && low < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }
        }
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
        append_utf8(out, cp);
    }
    return out;
}

// The inside of a JSON string for text (the inverse of json_unescape). A
// digit right after a \u escape is escaped too: the escape's own hex digits
// ("\u0017") would otherwise join the digits after it into a longer run that
// reads as a card number in the raw text.
std::string json_escape(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() + 8);
    bool after_escape = false;
    for (char c : s) {
        bool control = static_cast<unsigned char>(c) < 0x20;
        if (control || (after_escape && c >= '0' && c <= '9')) {
            out += "\\u00";
            out.push_back(hex[(c >> 4) & 0xF]);
            out.push_back(hex[c & 0xF]);
            after_escape = true;
            continue;
        }
        after_escape = false;
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

enum class Mode {
    Json,     // a document: every string and token is also redacted as free text
    Fragment, // JSON quoted inside free text: member values only
};
std::string redact_structure(std::string_view json, Secrets secrets, Mode mode);

enum class Passes { All, NoWords };

std::string redact_free(std::string_view text, Secrets secrets, Passes passes = Passes::All) {
    std::string s(text);
    for (std::string_view secret : secrets)
        replace_secret(s, secret);
    s = mask_token_shapes(s);
    if (passes == Passes::All) {
        // Quoted JSON: {"security_code":"123"} inside a message.
        if (s.find('"') != std::string::npos && s.find(':') != std::string::npos)
            s = redact_structure(s, secrets, Mode::Fragment);
        s = mask_word_values(s);
    }
    return mask_card_numbers(s);
}

// A small tokenizer that tracks the key of each open container, so it can
// tell which member a value belongs to without building a document. It never
// fails: unbalanced or cut-off input is redacted as far as it goes.
std::string redact_structure(std::string_view json, Secrets secrets, Mode mode) {
    struct Frame {
        bool object;
        std::string_view key;     // the member being read (objects)
        std::string_view own_key; // the key this container is the value of
        bool sensitive;           // inside a sensitive member: every value goes
    };
    std::vector<Frame> stack;
    bool expect_key = false;
    const bool document = mode == Mode::Json;
    // Quoted JSON in text may start anywhere, even inside a member: a root
    // frame keeps the keys met at the top, and a string followed by ':' is a
    // key wherever it stands.
    if (!document) stack.push_back({true, {}, {}, false});
    const size_t floor = document ? 0 : 1;
    auto value_is_sensitive = [&]() {
        if (stack.empty()) return false;
        const Frame &f = stack.back();
        return f.sensitive || (f.object && sensitive_key(f.key, f.own_key));
    };
    const std::string_view redacted_string = "\"[REDACTED]\"";

    std::string out;
    out.reserve(json.size());
    size_t i = 0;
    while (i < json.size()) {
        char c = json[i];
        switch (c) {
        case '"': {
            size_t j = i + 1;
            while (j < json.size() && json[j] != '"')
                j += json[j] == '\\' ? 2 : 1;
            bool closed = j < json.size();
            j = std::min(j, json.size());
            std::string_view str = json.substr(i + 1, j - i - 1);
            bool is_key = expect_key && !stack.empty() && stack.back().object;
            if (!document && closed) {
                size_t k = json.find_first_not_of(" \t\r\n", j + 1);
                is_key = k != std::string_view::npos && json[k] == ':';
            }
            if (is_key) {
                stack.back().key = str;
                expect_key = false;
            }
            if (!is_key && value_is_sensitive()) {
                out += redacted_string;
            } else if (!document) {
                out.append(json.substr(i, j - i + (closed ? 1 : 0)));
            } else {
                std::string r;
                bool valid = closed && valid_string_content(str);
                if (valid && str.find('\\') != std::string_view::npos) {
                    // Escapes may hide what is inside (quoted JSON, \u0034...):
                    // redact the text the string stands for, and write that
                    // text anew (the raw escapes could still read as digits).
                    r = json_escape(redact_free(json_unescape(str), secrets));
                } else {
                    r = redact_free(str, secrets);
                    if (r != str && valid && !valid_string_content(r))
                        r = kRedacted; // a redaction that would break the string takes it whole
                }
                out.push_back('"');
                out += r;
                if (closed) out.push_back('"');
            }
            i = j + 1;
            continue;
        }
        case '{':
        case '[': {
            bool sensitive = value_is_sensitive();
            std::string_view own = stack.empty()         ? std::string_view()
                                   : stack.back().object ? stack.back().key
                                                         : stack.back().own_key;
            stack.push_back({c == '{', {}, own, sensitive});
            expect_key = c == '{';
            out.push_back(c);
            break;
        }
        case '}':
        case ']':
            if (stack.size() > floor) stack.pop_back();
            expect_key = false;
            out.push_back(c);
            break;
        case ',':
            expect_key = !stack.empty() && stack.back().object;
            out.push_back(c);
            break;
        case ':':
            expect_key = false;
            out.push_back(c);
            break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
            out.push_back(c);
            break;
        default: {
            // A bare token: a number, a literal, or something that is not JSON.
            size_t j = i;
            while (j < json.size() &&
                   std::string_view("{}[],:\" \t\r\n").find(json[j]) == std::string_view::npos)
                ++j;
            std::string_view token = json.substr(i, j - i);
            bool number = std::all_of(token.begin(), token.end(), number_char);
            if (number && value_is_sensitive()) {
                out += redacted_string;
            } else if (!document) {
                out += token;
            } else {
                // A number or literal that changed becomes a string, so that
                // the JSON stays valid.
                std::string r = redact_free(token, secrets);
                out += r == token ? r : std::string(redacted_string);
            }
            i = j;
            continue;
        }
        }
        ++i;
    }
    return out;
}

// The scalar values under a sensitive member, for sensitive_values.
void collect_values(simdjson::dom::element e, std::string_view key, std::string_view parent,
                    bool inside, int depth, std::vector<std::string> &out) {
    if (depth > 32) return;
    simdjson::dom::object obj;
    simdjson::dom::array arr;
    if (!e.get_object().get(obj)) {
        for (auto [k, v] : obj)
            collect_values(v, k, key, inside || sensitive_key(k, key), depth + 1, out);
        return;
    }
    if (!e.get_array().get(arr)) {
        for (simdjson::dom::element v : arr)
            collect_values(v, key, parent, inside, depth + 1, out);
        return;
    }
    if (!inside) return;
    std::string_view s;
    std::string text = !e.get_string().get(s) ? std::string(s) : simdjson::minify(e);
    if (text.size() >= 3 && text != "null" && text != "true" && text != "false")
        out.push_back(std::move(text));
}

// Which bytes of a JSON text belong to an escape ("\n", "\u000a").
std::vector<bool> escape_map(std::string_view out) {
    std::vector<bool> escaped(out.size(), false);
    for (size_t i = 0; i < out.size();) {
        if (out[i] != '\\') {
            ++i;
            continue;
        }
        size_t n = i + 1 < out.size() && out[i + 1] == 'u' ? 6 : 2;
        for (size_t k = i; k < i + n && k < out.size(); ++k)
            escaped[k] = true;
        i += n;
    }
    return escaped;
}

// The last pass: a secret that still shows was made by the passes above,
// where a string written anew meets the text around it (the secret `:"ab`
// after `:"\u0061b"` is written `:"ab"`); it becomes the marker too. In
// JSON, an occurrence that takes in part of an escape is left: the text
// there is not the secret's, and cutting the escape would break the JSON.
void scrub_secrets(std::string &out, Secrets secrets, bool json) {
    for (std::string_view secret : secrets) {
        if (secret.size() < 3 || kRedacted.find(secret) != std::string_view::npos) continue;
        if (out.find(secret) == std::string::npos) continue; // the usual case
        std::vector<bool> escaped = json ? escape_map(out) : std::vector<bool>{};
        std::string result;
        size_t from = 0;
        for (size_t pos = out.find(secret); pos != std::string::npos;
             pos = out.find(secret, pos + 1)) {
            if (pos < from) continue;
            bool touches = false;
            for (size_t k = pos; json && k < pos + secret.size() && !touches; ++k)
                touches = escaped[k];
            if (touches) continue;
            result.append(out, from, pos - from);
            result += kRedacted;
            from = pos + secret.size();
        }
        result.append(out, from, std::string::npos);
        out = std::move(result);
    }
}

std::string redact_json_passes(std::string_view json, Secrets secrets) {
    size_t first = json.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::string(json);
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    bool valid = !parser.parse(json.data(), json.size()).get(e);
    // A lone JSON value ("...", 4509953566233704) stays JSON; anything else
    // that does not open an object or array is free text.
    if (!valid && json[first] != '{' && json[first] != '[') return redact_free(json, secrets);
    std::string out = redact_structure(json, secrets, Mode::Json);
    if (valid) return out;
    // Broken or cut-off JSON: what only shows across its tokens (a spaced
    // card number). Never on valid JSON, where it could cut an escape
    // ("\u0034509953566233704") in two.
    return redact_free(out, secrets, Passes::NoWords);
}

} // namespace

std::string redact_text(std::string_view text, Secrets secrets) {
    std::string out = redact_free(text, secrets);
    scrub_secrets(out, secrets, false);
    return out;
}

std::string redact_json(std::string_view json, Secrets secrets) {
    std::string out = redact_json_passes(json, secrets);
    scrub_secrets(out, secrets, true);
    return out;
}

std::vector<std::string> sensitive_values(std::string_view body) {
    std::vector<std::string> out;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (body.empty() || parser.parse(body.data(), body.size()).get(root)) return out;
    collect_values(root, {}, {}, false, 0, out);
    return out;
}

std::string printable(std::string_view text, size_t max_bytes, bool keep_newlines) {
    std::string out;
    out.reserve(std::min(text.size(), max_bytes) + 32);
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        // The length of a well-formed UTF-8 sequence starting here, or 0.
        size_t n = 0;
        if (c < 0x80) {
            n = 1;
        } else if (c >= 0xC2 && c <= 0xF4) {
            n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if (i + n > text.size()) n = 0;
            for (size_t k = 1; n && k < n; ++k)
                if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) n = 0;
            if (n >= 3) {
                auto c1 = static_cast<unsigned char>(text[i + 1]);
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) ||
                    (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
                    n = 0; // overlong, a surrogate, or beyond U+10FFFF
            }
        }
        size_t take = n ? n : 1;
        if (out.size() + take > max_bytes) break;
        if (n == 0)
            out.push_back('?');
        else if (n == 1 && (c < 0x20 || c == 0x7F))
            out.push_back(c == '\n' && keep_newlines ? '\n' : ' ');
        else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)
            out.push_back(' '); // a C1 control character (U+0080-U+009F)
        else
            out.append(text.substr(i, n));
        i += take;
    }
    if (i < text.size()) out += "\xE2\x80\xA6"; // "…": cut here
    return out;
}

} // namespace mp
