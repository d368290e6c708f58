// fuzz_page: the pager's reading of one page (mp::read_page): finding the
// list (a bare array, or "results", "elements" or "data"), paging.total, and
// each item's text and fingerprint.
//
// Input: byte 0 sets the paging (low 4 bits, modulo 5: NONE, ARRAY,
// RESULTS, ELEMENTS, DATA) and keep_items (bit 4): '0'..'4' are each paging
// with the items kept, ' ' .. '$' the same without. The rest is the body.
#include "common.hpp"

#include "pager.hpp"

#include <simdjson.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string_view in = fuzz::as_view(data, size);
    uint8_t control = fuzz::take_byte(in);
    auto paging = static_cast<mp::Paging>((control & 0x0F) % 5);
    bool keep_items = control & 0x10;

    mp::Response page;
    page.http.status = 200;
    page.http.body.assign(in);
    try {
        mp::PageItems p = mp::read_page(page, paging, keep_items);
        FUZZ_CHECK(p.total >= -1);
        FUZZ_CHECK(p.fingerprints.size() == p.count);
        FUZZ_CHECK(p.items.size() == (keep_items ? p.count : 0));
        FUZZ_CHECK(p.count <= in.size());
        // Every item kept is JSON text on its own.
        simdjson::dom::parser parser;
        for (const std::string &item : p.items) {
            simdjson::dom::element e;
            FUZZ_CHECK(!parser.parse(item).get(e));
        }
    } catch (const mp::Error &) {
        // Not JSON, or no list in it: a clean error is the expected answer.
    }
    return 0;
}
