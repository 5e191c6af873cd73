#pragma once
// What every request handler may use: the database (the storage port), the catalog snapshot, the
// clock and the random source. Owned by main; handlers get a reference.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "server/app/catalog.hpp"
#include "server/app/clock.hpp"
#include "server/storage/outbox_repository.hpp"

namespace agrirent::storage {
class database;
}

namespace agrirent::app {

class metrics;

struct services {
    storage::database& db;
    catalog_cache& catalog;
    app::clock& clock;
    std::function<std::uint32_t()> random; // uniform 32-bit values (libsodium in production)
    app::metrics& metrics;
    // POST /api/v1/admin/backups writes here. No default: an empty path would put the copies in
    // the working directory (the fuzz targets once filled the checkout with them).
    std::filesystem::path backup_dir;
    // DOMAIN.md §14: delivers a message at once, outside the outbox, for texts that must not be
    // stored (verification codes): nullopt when handed over, else why not (not retried: the
    // farmer asks for another code). Empty: such messages are dropped (tests without a sender).
    std::function<std::optional<std::string>(const storage::outbox_message&)> send_now;
};

/// Who makes a change, and through which channel (DOMAIN.md §6 audit trail).
struct actor {
    role who = role::farmer;
    std::string name = "web"; // staff username, "web" for farmers, "system"
    channel via = channel::web;
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> branch_id; // a clerk's branch
    std::string address;                   // client address, for the audit log

    static actor web(std::string address) {
        actor a;
        a.address = std::move(address);
        return a;
    }
    static actor system() {
        actor a;
        a.who = role::system;
        a.name = "system";
        a.via = channel::system;
        return a;
    }
};

} // namespace agrirent::app
