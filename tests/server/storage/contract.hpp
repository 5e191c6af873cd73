#pragma once
// The storage port's contract suite: a fresh database per test case, opened through
// storage::open_database() in a temporary folder, and terse builders of the rows the repositories
// take. Only the port's types appear here (server/storage/*.hpp), never an engine's.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <catch2/catch.hpp>

#include "common/fees.hpp"
#include "common/planning.hpp"
#include "server/storage/database.hpp"
#include "tests/common/fixtures.hpp"
#include "tests/server/storage/engines.hpp"

namespace agrirent::test {

/// A fresh folder under the system temp directory, removed with everything in it.
class temp_dir {
  public:
    temp_dir() {
        std::random_device random;
        std::uniform_int_distribution<std::uint64_t> pick;
        do {
            path_ = std::filesystem::temp_directory_path() /
                    ("agrirent-storage-test-" + std::to_string(pick(random)));
        } while (!std::filesystem::create_directory(path_));
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// A database of engine `Engine` at a fresh location, open.
template <class Engine>
class store {
  public:
    explicit store(storage::open_settings settings = {})
        : location_(Engine::location(dir_.path())), settings_(settings),
          db_(storage::open_database(location_, settings_)) {}

    store(const store&) = delete;
    store& operator=(const store&) = delete;
    ~store() {
        db_.reset();
        try {
            Engine::discard(location_);
        } catch (const std::exception& e) {
            WARN("could not remove the test database: " << e.what());
        }
    }

    storage::database& db() { return *db_; }
    storage::database* operator->() { return db_.get(); }
    [[nodiscard]] const std::string& location() const { return location_; }
    [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }

    /// Closes the database (everything committed must survive) and opens it again.
    void reopen() {
        db_.reset();
        db_ = storage::open_database(location_, settings_);
    }
    void close() { db_.reset(); }

  private:
    temp_dir dir_;
    std::string location_;
    storage::open_settings settings_;
    std::unique_ptr<storage::database> db_;
};

/// Runs `f` in a write unit of work and commits; returns what `f` returns.
template <class F>
auto write(storage::database& db, F&& f) {
    auto uow = db.begin(storage::access::write);
    if constexpr (std::is_void_v<decltype(f(*uow))>) {
        f(*uow);
        uow->commit();
    } else {
        auto result = f(*uow);
        uow->commit();
        return result;
    }
}

/// Runs `f` in a read unit of work; returns what `f` returns.
template <class F>
auto read(storage::database& db, F&& f) {
    auto uow = db.begin(storage::access::read);
    return f(*uow);
}

// ---- the rows of a small office ------------------------------------------------------------

/// Branch GS (the reference calendar of tests/common/fixtures.hpp) and BB, the transplanter
/// (no training) and the tractor (training), and `units` units of each type at GS.
struct world {
    std::int64_t gs = 0;
    std::int64_t bb = 0;
    std::int64_t transplanter = 0;
    std::int64_t tractor = 0;
};

inline storage::branch_record branch(std::string code) {
    storage::branch_record b;
    b.code = std::move(code);
    b.name_ko = "지점 " + b.code;
    b.name_en = "Branch " + b.code;
    b.phones = {"061-000-0000"};
    b.address_ko = "주소";
    b.address_en = "Address";
    return b;
}

/// machine_type has no ==: every field compared.
inline bool same_type(const machine_type& a, const machine_type& b) {
    return a.code == b.code && a.name_ko == b.name_ko && a.name_en == b.name_en &&
           a.daily_fee == b.daily_fee && a.max_days == b.max_days &&
           a.needs_training == b.needs_training && a.needs_approval == b.needs_approval &&
           a.checklist == b.checklist && a.purchase_price == b.purchase_price &&
           a.deliverable == b.deliverable;
}

inline storage::type_record type_of(const machine_type& t) {
    storage::type_record r;
    r.type = t;
    return r;
}

inline storage::unit_record unit(std::string tag, std::int64_t type_id, std::int64_t branch_id,
                                 unit_status s = unit_status::available) {
    storage::unit_record u;
    u.tag = std::move(tag);
    u.type_id = type_id;
    u.branch_id = branch_id;
    u.status = s;
    return u;
}

inline world seed(storage::repositories& r, int units = 2) {
    world w;
    w.gs = r.admin().insert_branch(branch("GS"));
    w.bb = r.admin().insert_branch(branch("BB"));
    w.transplanter = r.admin().insert_type(type_of(transplanter()));
    w.tractor = r.admin().insert_type(type_of(tractor()));
    for (int i = 0; i < units; ++i) {
        r.admin().insert_unit(unit("GS-RT-" + std::to_string(i), w.transplanter, w.gs));
        r.admin().insert_unit(unit("GS-TR-" + std::to_string(i), w.tractor, w.gs));
    }
    return w;
}

inline storage::farmer_row farmer(std::string phone, std::string name = "홍길동") {
    storage::farmer_row f;
    f.phone = std::move(phone);
    f.name = std::move(name);
    f.created_at = kst("2020-05-01 09:00");
    return f;
}

/// A reservation of the transplanter (or `type`) at GS for `days`, planned on the reference
/// calendar and priced without adjustments.
inline storage::reservation_row reservation(std::string code, std::int64_t branch_id,
                                            std::int64_t type_id, std::int64_t farmer_id,
                                            period days, status s = status::confirmed,
                                            const machine_type& type = transplanter()) {
    const auto plan = plan_rental(reference_branch(), type, days);
    if (!plan) {
        throw std::invalid_argument("no plan for the test reservation " + code);
    }
    storage::reservation_row r;
    r.code = std::move(code);
    r.branch_id = branch_id;
    r.type_id = type_id;
    r.farmer_id = farmer_id;
    r.farmer_name = "홍길동";
    r.plan = *plan;
    r.state = s;
    r.via = channel::phone;
    r.daily_fee = type.daily_fee;
    r.fee = quote_fee(type, branch_code{"GS"}, days, {}, {});
    r.created_at = kst("2020-05-11 10:00");
    r.created_by = "operator1";
    return r;
}

inline period days(const std::string& from, const std::string& to) {
    return {d(from), d(to)};
}

} // namespace agrirent::test
