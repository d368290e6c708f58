#include "accounts.hpp"

#include <ctime>

#include "errors.hpp"

namespace mp::sandbox {

namespace {

// "MMDDHH" of now, as the middle group of real access tokens reads.
std::string issue_stamp() {
    std::time_t seconds = static_cast<std::time_t>(now_ms() / 1000);
    std::tm t{};
    gmtime_r(&seconds, &t);
    char text[40];
    std::snprintf(text, sizeof text, "%02d%02d%02d", t.tm_mon + 1, t.tm_mday, t.tm_hour);
    return text;
}

// TEST-<uuid> / APP_USR-<uuid>, never with an all-digit last group (auth.hpp would read that
// as a user id).
std::string new_public_key(const char *prefix) {
    std::string uuid;
    do
        uuid = uuid4();
    while (is_digits(uuid.substr(uuid.rfind('-') + 1)));
    return prefix + uuid;
}

json pair_json(const CredentialPair &pair) {
    return {{"public_key", pair.public_key}, {"access_token", pair.access_token}};
}

} // namespace

json Account::to_json() const {
    return {{"id", id},
            {"site_id", site_id},
            {"date_created", format_date(created_ms)},
            {"test", issued ? pair_json(test) : json(nullptr)},
            {"production", issued ? pair_json(production) : json(nullptr)}};
}

void Accounts::set_default_site(std::string site_id) {
    std::lock_guard lock(mutex_);
    default_site_ = std::move(site_id);
}

std::string Accounts::default_site() const {
    std::lock_guard lock(mutex_);
    return default_site_;
}

void Accounts::add_test_user(int64_t id, const std::string &site_id) {
    std::lock_guard lock(mutex_);
    Account &account = accounts_[id];
    account.id = id;
    account.site_id = site_id;
    account.created_ms = now_ms();
}

void Accounts::issue(Account &account, bool live) {
    if (account.application_id.empty()) account.application_id = random_digits(16);
    const char *prefix = live ? "APP_USR-" : "TEST-";
    CredentialPair &pair = live ? account.production : account.test;
    pair.public_key = new_public_key(prefix);
    pair.access_token = prefix + account.application_id + "-" + issue_stamp() + "-" +
                        random_hex(32) + "-" + std::to_string(account.id);
    public_keys_[pair.public_key] = account.id;
}

Account Accounts::create(const std::string &site_id) {
    std::lock_guard lock(mutex_);
    // Ids from 2,000,000,000 up, away from the test users' (State::next_number, below 10^10
    // reduced) and from the hashed collectors of auth.cpp (10^8 .. 10^9).
    if (next_id_ == 0) next_id_ = 2'000'000'000LL + static_cast<int64_t>(random_u64() % 1'000'000);
    while (accounts_.count(next_id_))
        ++next_id_;
    Account &account = accounts_[next_id_];
    account.id = next_id_++;
    account.site_id = site_id;
    account.created_ms = now_ms();
    issue(account, false);
    issue(account, true);
    account.issued = true;
    return account;
}

std::optional<Account> Accounts::renew(int64_t id, bool live) {
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(id);
    if (it == accounts_.end()) return std::nullopt;
    Account &account = it->second;
    if (!account.issued) {
        issue(account, !live);
        account.issued = true;
    }
    issue(account, live);
    return account;
}

std::optional<Account> Accounts::find(int64_t id) const {
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(id);
    if (it == accounts_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::pair<int64_t, bool>> Accounts::owner_of(std::string_view credential) const {
    std::lock_guard lock(mutex_);
    for (const auto &[id, account] : accounts_) {
        if (!account.issued) continue;
        if (credential == account.test.access_token || credential == account.test.public_key)
            return std::make_pair(id, false);
        if (credential == account.production.access_token ||
            credential == account.production.public_key)
            return std::make_pair(id, true);
    }
    return std::nullopt;
}

void Accounts::admit(Credential &cred) const {
    std::lock_guard lock(mutex_);
    cred.site_id = default_site_;
    if (cred.public_key) {
        auto issued = public_keys_.find(cred.public_key_value);
        if (issued != public_keys_.end()) {
            const Account &account = accounts_.at(issued->second);
            const CredentialPair &pair = cred.live_mode ? account.production : account.test;
            if (pair.public_key != cred.public_key_value)
                throw unauthorized(2, "invalid public_key");
            cred.collector = account.id;
            cred.site_id = account.site_id;
            return;
        }
    }
    auto it = accounts_.find(cred.collector);
    if (it == accounts_.end()) return;
    const Account &account = it->second;
    if (account.issued) {
        const CredentialPair &pair = cred.live_mode ? account.production : account.test;
        if (cred.public_key) throw unauthorized(2, "invalid public_key");
        if (cred.access_token != pair.access_token) throw unauthorized(2, "invalid access token");
    }
    cred.site_id = account.site_id;
}

} // namespace mp::sandbox
