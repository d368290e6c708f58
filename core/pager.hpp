// Walks any search or list operation page by page and item by item.
#pragma once

#include "client.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mp {

class Pager {
  public:
    // The caller's "offset" (default 0) is where it starts; its "limit", or
    // page_size when > 0, or 50, is the page size.
    Pager(Client &client, const Operation &op, CallOptions options, long page_size);

    // The next page's response, or nullopt after the last one. Throws Error on
    // a failed call (the response of an API error is in the error detail).
    std::optional<Response> next_page();

    // The next item as JSON text, or nullopt at the end.
    std::optional<std::string> next_item();

    // paging.total of the last page (a number, or a string holding one); -1
    // when the server did not say.
    int64_t total() const { return total_; }

  private:
    // One page; the items are copied out as text only for next_item (a
    // caller walking pages reads them from the page itself).
    std::optional<Response> fetch(bool keep_items);
    size_t load_items(Response &page, bool keep_items);

    Client &client_;
    const Operation &op_;
    CallOptions options_;
    long offset_ = 0;
    long limit_ = 50;
    int64_t total_ = -1;
    bool done_ = false;
    std::vector<std::string> items_;
    size_t next_ = 0;
};

} // namespace mp
