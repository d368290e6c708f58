// The accounts the sandbox knows: test users (POST /users/test_user) and accounts made with
// POST /__sandbox/accounts, each with its site and, once issued, a test pair and a production pair
// of credentials (public key + access token) as the product describes them:
//   public key    TEST-<uuid>                                    APP_USR-<uuid>
//   access token  TEST-<16 digits>-<6 digits>-<32 hex>-<user id>  APP_USR-<same shape>
// An account whose credentials were issued accepts only its current ones: a renewed pair's old
// public key and access token get 401, as in production. A collector the sandbox never issued
// credentials for accepts any well-shaped token (auth.hpp), and its site is the default one.
// Thread-safe: one mutex of its own, never held while calling out.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth.hpp"
#include "util.hpp"

namespace mp::sandbox {

struct CredentialPair {
    std::string public_key;
    std::string access_token;
};

struct Account {
    int64_t id = 0;
    std::string site_id;
    int64_t created_ms = 0;
    std::string application_id; // the 16 digits of its access tokens
    bool issued = false;        // credentials issued: only the current pairs are accepted
    CredentialPair test;
    CredentialPair production;

    // {id, site_id, date_created, test{public_key, access_token}, production{...}}
    json to_json() const;
};

class Accounts {
  public:
    // The site of every account that has none of its own (MLB unless set). Before serving.
    void set_default_site(std::string site_id);
    std::string default_site() const;

    // Registers a test user of that site: any well-shaped token ending in its id acts as it.
    void add_test_user(int64_t id, const std::string &site_id);
    // A new account of that site with both pairs issued.
    Account create(const std::string &site_id);
    // Renews one pair of the account (production when `live`), issuing both pairs first when it
    // had none (a test user). nullopt for an unknown account.
    std::optional<Account> renew(int64_t id, bool live);
    std::optional<Account> find(int64_t id) const;
    // The account whose current access token or public key this is, and which pair (live).
    std::optional<std::pair<int64_t, bool>> owner_of(std::string_view credential) const;

    // Checks a credential authenticate() read against the registry and sets its site and, for
    // an issued public key, its collector. 401 for a credential of an issued account that is
    // not one of its current ones (renewed, revoked or made up).
    void admit(Credential &cred) const;

  private:
    void issue(Account &account, bool live); // holds mutex_

    mutable std::mutex mutex_;
    std::string default_site_ = "MLB";
    std::unordered_map<int64_t, Account> accounts_;
    std::unordered_map<std::string, int64_t> public_keys_; // every key ever issued -> account
    int64_t next_id_ = 0;
};

} // namespace mp::sandbox
