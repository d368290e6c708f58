#include "uuid.hpp"

#include "error.hpp"

#include <openssl/rand.h>

namespace mp {

std::string uuid_v4() {
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        throw Error(ErrorKind::Internal, "the system random number generator failed");
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80); // RFC 4122 variant
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
        s.push_back(hex[b[i] >> 4]);
        s.push_back(hex[b[i] & 0x0F]);
    }
    return s;
}

} // namespace mp
