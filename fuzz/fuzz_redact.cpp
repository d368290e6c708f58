// fuzz_redact: what keeps secrets out of logs and error records:
// mp::redact_text, mp::redact_json, and mp::printable.
//
// Input: with two or more '\n', the first line is secret 1, the second
// secret 2, the rest the text; otherwise the whole input is the text, with
// no secret.
//
// Invariants (a broken one aborts):
// - neither output contains a secret of 4 or more characters, unless the
//   secret could be made from the marker "[REDACTED]" itself (it occurs in
//   the marker, or has a '[' or ']' that could pair with one); in
//   redact_json's output, an occurrence that takes in part of a JSON escape
//   does not count (secrets are looked for in the text a string stands for,
//   which is then written anew, escapes and all);
// - no output has a run of exactly 13 to 19 digits (a card number);
// - a card number written as 4 groups of 4 digits with single spaces or
//   dashes, that passes the Luhn check and stands alone, is not in the output;
// - valid JSON stays valid JSON through redact_json (as redact.hpp says;
//   checked for secrets of token characters only);
// - in valid JSON (with no escapes), the string value of "card_number",
//   "security_code", "access_token", "password" or "number" inside
//   "identification" is gone from redact_json's output;
// - printable's output is valid UTF-8 with no control characters, and no
//   longer than asked (plus the "…" that marks a cut).
#include "common.hpp"

#include "redact.hpp"

#include <simdjson.h>

#include <string>

namespace {

// mp::printable: valid UTF-8, no control characters (but newlines when
// kept), at most max_bytes (and then "…").
void check_printable(std::string_view text) {
    for (size_t max : {size_t{0}, size_t{7}, size_t{64}, text.size()}) {
        for (bool keep_newlines : {false, true}) {
            std::string p = mp::printable(text, max, keep_newlines);
            FUZZ_CHECK(p.size() <= max + 3);
            FUZZ_CHECK(simdjson::validate_utf8(p.data(), p.size()));
            for (char c : p) {
                auto u = static_cast<unsigned char>(c);
                FUZZ_CHECK(!(u < 0x20 || u == 0x7F) || (keep_newlines && c == '\n'));
            }
        }
    }
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool secret_checkable(std::string_view secret) {
    return secret.size() >= 4 && !fuzz::contains(mp::kRedacted, secret) &&
           secret.find_first_of("[]") == std::string_view::npos;
}

bool token_chars_only(std::string_view secret) {
    for (char c : secret)
        if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
              c == '_'))
            return false;
    return true;
}

void check_no_card_run(std::string_view out) {
    size_t i = 0;
    while (i < out.size()) {
        if (!is_digit(out[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < out.size() && is_digit(out[j]))
            ++j;
        FUZZ_CHECK(j - i < 13 || j - i > 19);
        i = j;
    }
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

bool separator(char c) {
    return c == ' ' || c == '-';
}
bool alnum(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "4509 9535 6623 3704" (or with dashes) standing alone: no letter, digit
// or '_' right before or after, no more digit groups on either side, no
// "-x" or ".x" after. Only those that occur once in the text, so that no
// other part of it can bring the same characters back.
std::vector<std::string_view> grouped_cards(std::string_view text) {
    std::vector<std::string_view> cards;
    for (size_t i = 0; i + 19 <= text.size(); ++i) {
        std::string_view c = text.substr(i, 19);
        std::string digits;
        bool shape = true;
        for (size_t k = 0; k < 19 && shape; ++k) {
            if (k % 5 == 4)
                shape = separator(c[k]);
            else if ((shape = is_digit(c[k])))
                digits.push_back(c[k]);
        }
        if (!shape || !luhn(digits)) continue;
        bool alone_before =
            i == 0 || (!alnum(text[i - 1]) && text[i - 1] != '_' &&
                       !(separator(text[i - 1]) && i >= 2 && is_digit(text[i - 2])));
        size_t e = i + 19;
        bool alone_after =
            e == text.size() ||
            (!alnum(text[e]) && text[e] != '_' &&
             !((text[e] == '-' || text[e] == '.') && e + 1 < text.size() && alnum(text[e + 1])) &&
             !(text[e] == ' ' && e + 1 < text.size() && is_digit(text[e + 1])));
        if (alone_before && alone_after && fuzz::count_of(text, c) == 1) cards.push_back(c);
    }
    return cards;
}

// Whether secret occurs in out with none of its characters inside a JSON
// escape ("\n", "\u000a"). redact_json rewrites a string that has escapes
// from the text it stands for, where secrets are looked for; it writes that
// text's control characters (and a digit right after one) as "\u00XX", and
// those escapes may spell part of a secret that was never there ("u000").
bool contains_outside_escapes(std::string_view out, std::string_view secret) {
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
    for (size_t pos = out.find(secret); pos != std::string_view::npos;
         pos = out.find(secret, pos + 1)) {
        bool touches = false;
        for (size_t k = pos; k < pos + secret.size() && !touches; ++k)
            touches = escaped[k];
        if (!touches) return true;
    }
    return false;
}

void check_common(std::string_view text, std::string_view out, std::string_view s1,
                  std::string_view s2, bool json_output) {
    for (std::string_view s : {s1, s2})
        if (secret_checkable(s))
            FUZZ_CHECK(json_output ? !contains_outside_escapes(out, s) : !fuzz::contains(out, s));
    check_no_card_run(out);
    for (std::string_view card : grouped_cards(text))
        FUZZ_CHECK(!fuzz::contains(out, card));
}

bool sensitive_key(std::string_view key) {
    return key == "card_number" || key == "security_code" || key == "access_token" ||
           key == "password";
}

bool checkable_value(std::string_view v, std::string_view json) {
    if (v.size() < 4 || fuzz::contains(mp::kRedacted, v)) return false;
    for (char c : v)
        if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return fuzz::count_of(json, v) == 1;
}

// The string values of sensitive members (alphanumeric, occurring once).
void sensitive_values(simdjson::dom::element e, std::string_view json,
                      std::vector<std::string_view> &out) {
    simdjson::dom::object obj;
    simdjson::dom::array arr;
    if (!e.get_object().get(obj)) {
        for (auto field : obj) {
            std::string_view v;
            if (sensitive_key(field.key) && !field.value.get_string().get(v) &&
                checkable_value(v, json))
                out.push_back(v);
            simdjson::dom::object id;
            if (field.key == "identification" && !field.value.get_object().get(id)) {
                for (auto inner : id)
                    if (inner.key == "number" && !inner.value.get_string().get(v) &&
                        checkable_value(v, json))
                        out.push_back(v);
            }
            sensitive_values(field.value, json, out);
        }
    } else if (!e.get_array().get(arr)) {
        for (simdjson::dom::element item : arr)
            sensitive_values(item, json, out);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string_view in = fuzz::as_view(data, size);
    std::string_view s1, s2;
    if (fuzz::count_of(in, "\n") >= 2) {
        s1 = fuzz::take(in);
        s2 = fuzz::take(in);
    }
    std::string_view text = in;

    std::string t = mp::redact_text(text, s1, s2);
    check_common(text, t, s1, s2, false);

    std::string j = mp::redact_json(text, s1, s2);
    check_common(text, j, s1, s2, true);

    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (!parser.parse(text.data(), text.size()).get(root)) {
        // "valid JSON stays valid JSON" (redact.hpp), for secrets shaped like tokens.
        if ((s1.size() < 4 || token_chars_only(s1)) && (s2.size() < 4 || token_chars_only(s2))) {
            simdjson::dom::parser again;
            simdjson::dom::element redacted;
            FUZZ_CHECK(!again.parse(j).get(redacted));
        }
        if (!fuzz::contains(text, "\\")) {
            std::vector<std::string_view> values;
            sensitive_values(root, text, values);
            for (std::string_view v : values)
                FUZZ_CHECK(!fuzz::contains(j, v));
        }
    }

    check_printable(text);
    return 0;
}
