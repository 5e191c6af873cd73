// The storage port's units of work (server/storage/database.hpp), on every engine: commit and
// rollback, one snapshot per read, data_version, group commit, backups, a newer schema refused.
#include <atomic>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/storage/contract.hpp"

using namespace agrirent;
using namespace agrirent::test;

namespace {

std::size_t farmers_named(storage::repositories& r, const std::string& name) {
    storage::farmer_search q;
    q.name = name;
    q.limit = 1000;
    return r.people().search_farmers(q).size();
}

std::string bytes_of(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

/// An exception of the test's own, to see it reach the caller unchanged.
struct job_failed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace

STORAGE_CONTRACT("port: a committed write is kept, across a reopen", "[storage][uow]") {
    store<TestType> s;
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001", "kept")); });
    CHECK(read(s.db(), [](auto& r) { return farmers_named(r, "kept"); }) == 1);
    s.reopen();
    CHECK(read(s.db(), [](auto& r) { return farmers_named(r, "kept"); }) == 1);
    CHECK(s->ping());
}

STORAGE_CONTRACT("port: a unit of work destroyed without commit leaves nothing", "[storage][uow]") {
    store<TestType> s;
    {
        auto uow = s->begin(storage::access::write);
        uow->reservations().insert_farmer(farmer("010-1111-0001", "gone"));
        const world w = seed(*uow);
        uow->staff().insert_staff({0, "ghost", "Ghost", role::admin, {}, "hash", true, {}});
        // Visible inside the unit of work…
        CHECK(farmers_named(*uow, "gone") == 1);
        CHECK(uow->admin().find_branch("GS").has_value());
        CHECK(w.gs != 0);
    }
    // …and nowhere after it.
    read(s.db(), [](auto& r) {
        CHECK(farmers_named(r, "gone") == 0);
        CHECK_FALSE(r.admin().find_branch("GS"));
        CHECK(r.admin().list_types().empty());
        CHECK(r.staff().count_staff() == 0);
    });
    // The writer is free again: the next write unit of work begins and commits.
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001", "gone")); });
    CHECK(read(s.db(), [](auto& r) { return farmers_named(r, "gone"); }) == 1);
}

STORAGE_CONTRACT("port: a read unit of work sees one snapshot", "[storage][uow]") {
    store<TestType> s;
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001", "snap")); });

    auto reader = s->begin(storage::access::read);
    CHECK(farmers_named(*reader, "snap") == 1);
    // Another writer commits while the read is open (a read never blocks a writer)…
    std::thread writer{[&] {
        write(s.db(),
              [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0002", "snap")); });
    }};
    writer.join();
    // …the open read still sees its snapshot, a new one sees the write.
    CHECK(farmers_named(*reader, "snap") == 1);
    CHECK(reader->reservations().find_farmer_by_phone("010-1111-0002") == std::nullopt);
    reader.reset();
    CHECK(read(s.db(), [](auto& r) { return farmers_named(r, "snap"); }) == 2);
}

STORAGE_CONTRACT("port: an uncommitted write is not seen by a concurrent read", "[storage][uow]") {
    store<TestType> s;
    auto writer = s->begin(storage::access::write);
    writer->reservations().insert_farmer(farmer("010-1111-0001", "pending"));
    std::size_t seen = 99;
    std::thread reader{
        [&] { seen = read(s.db(), [](auto& r) { return farmers_named(r, "pending"); }); }};
    reader.join();
    CHECK(seen == 0);
    writer->commit();
    writer.reset();
    CHECK(read(s.db(), [](auto& r) { return farmers_named(r, "pending"); }) == 1);
}

STORAGE_CONTRACT("port: data_version moves after a committed write only", "[storage][uow]") {
    store<TestType> s;
    const auto v0 = s->data_version();
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1111-0001")); });
    const auto v1 = s->data_version();
    CHECK(v1 != v0);

    {
        auto uow = s->begin(storage::access::write);
        uow->reservations().insert_farmer(farmer("010-1111-0002"));
    } // rolled back
    CHECK(s->data_version() == v1);

    read(s.db(), [](auto& r) { return r.staff().count_staff(); });
    {
        auto uow = s->begin(storage::access::read);
        (void)uow->staff().count_staff();
        uow->commit(); // committing a read writes nothing
    }
    CHECK(s->data_version() == v1);

    s->write_grouped([](storage::repositories& r) {
        r.reservations().insert_farmer(farmer("010-1111-0003"));
        return true;
    });
    CHECK(s->data_version() != v1);
}

STORAGE_CONTRACT("port: write_grouped keeps a job's writes when it returns true",
                 "[storage][group]") {
    store<TestType> s;
    s->write_grouped([](storage::repositories& r) {
        r.reservations().insert_farmer(farmer("010-1111-0001", "grouped"));
        return true;
    });
    s->write_grouped([](storage::repositories& r) {
        r.reservations().insert_farmer(farmer("010-1111-0002", "grouped"));
        return false;
    });
    CHECK_THROWS_AS(s->write_grouped([](storage::repositories& r) -> bool {
        r.reservations().insert_farmer(farmer("010-1111-0003", "grouped"));
        throw job_failed("refused by the test");
    }),
                    job_failed);
    read(s.db(), [](auto& r) {
        CHECK(r.reservations().find_farmer_by_phone("010-1111-0001"));
        CHECK_FALSE(r.reservations().find_farmer_by_phone("010-1111-0002"));
        CHECK_FALSE(r.reservations().find_farmer_by_phone("010-1111-0003"));
    });
    const auto stats = s->grouped_write_stats();
    CHECK(stats.jobs >= 3);
    CHECK(stats.batches >= 1);
    CHECK(stats.batches <= stats.jobs);
}

STORAGE_CONTRACT("port: in a batch, a refused or throwing job keeps nothing, the others are kept",
                 "[storage][group]") {
    store<TestType> s;
    constexpr int threads = 12;
    constexpr int rounds = 10;
    std::atomic<int> thrown{0};
    std::atomic<int> duplicates{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < rounds; ++i) {
                const int n = t * rounds + i;
                const std::string phone = "010-2000-" + std::to_string(1000 + n);
                try {
                    s->write_grouped([&](storage::repositories& r) -> bool {
                        r.reservations().insert_farmer(farmer(phone, "batch"));
                        switch (n % 4) {
                        case 0:
                            return true;
                        case 1:
                            return false;
                        case 2:
                            throw job_failed("job " + std::to_string(n));
                        default:
                            // A duplicate key after a write of its own: that write goes too.
                            r.reservations().insert_farmer(farmer("010-9999-0000", "dup"));
                            r.reservations().insert_farmer(farmer("010-9999-0000", "dup"));
                            return true;
                        }
                    });
                } catch (const job_failed&) {
                    ++thrown;
                } catch (const storage::duplicate_key&) {
                    ++duplicates;
                }
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    CHECK(thrown == threads * rounds / 4);
    CHECK(duplicates == threads * rounds / 4);
    read(s.db(), [&](auto& r) {
        CHECK(farmers_named(r, "batch") == threads * rounds / 4);
        CHECK(farmers_named(r, "dup") == 0);
        for (int n = 0; n < threads * rounds; ++n) {
            CAPTURE(n);
            const auto f =
                r.reservations().find_farmer_by_phone("010-2000-" + std::to_string(1000 + n));
            CHECK(f.has_value() == (n % 4 == 0));
        }
    });
}

STORAGE_CONTRACT("port: a duplicate key fails that statement only, the unit of work goes on",
                 "[storage][uow]") {
    store<TestType> s;
    write(s.db(), [](auto& r) {
        r.admin().insert_branch(branch("GS"));
        CHECK_THROWS_AS(r.admin().insert_branch(branch("GS")), storage::duplicate_key);
        r.admin().insert_branch(branch("BB"));
    });
    read(s.db(), [](auto& r) {
        CHECK(r.admin().find_branch("GS"));
        CHECK(r.admin().find_branch("BB"));
    });
}

STORAGE_CONTRACT("port: backup_to writes a database with the same rows, never over a file",
                 "[storage][backup]") {
    store<TestType> s;
    const world w = write(s.db(), [](auto& r) { return seed(r); });
    write(s.db(), [&](auto& r) {
        const auto f = r.reservations().insert_farmer(farmer("010-1234-5678"));
        r.reservations().insert_reservation(
            reservation("K7M2Q9XW", w.gs, w.transplanter, f, days("2020-05-20", "2020-05-21")));
        r.staff().insert_staff({0, "admin", "Admin", role::admin, {}, "hash", true, {}});
    });

    const auto target = s.dir() / "backups" / "first.db"; // the folder does not exist yet
    const auto size = s->backup_to(target);
    CHECK(size > 0);
    REQUIRE(std::filesystem::exists(target));
    // Writing on after the backup does not change the copy.
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-0000-0002")); });

    {
        auto copy = storage::open_database(TestType::backup_location(target), {});
        read(*copy, [&](auto& r) {
            const auto row = r.reservations().find_reservation("K7M2Q9XW");
            REQUIRE(row);
            CHECK(row->phone == "010-1234-5678");
            CHECK(row->plan.usage == days("2020-05-20", "2020-05-21"));
            CHECK(r.staff().find_staff("admin"));
            CHECK(r.admin().list_types().size() == 2);
            CHECK(r.units().list_units({}).size() == 4);
            CHECK_FALSE(r.reservations().find_farmer_by_phone("010-0000-0002"));
        });
    }

    const auto before = bytes_of(target);
    CHECK_THROWS_AS(s->backup_to(target), storage::backup_exists);
    CHECK(bytes_of(target) == before);
}

STORAGE_CONTRACT("port: a database of a newer agrirent is refused and left untouched",
                 "[storage][schema]") {
    store<TestType> s;
    write(s.db(), [](auto& r) { r.reservations().insert_farmer(farmer("010-1234-5678")); });
    s.close();
    TestType::write_newer_schema(s.location());
    const auto before = bytes_of(s.location());
    CHECK_THROWS_AS(storage::open_database(s.location(), {}), storage::schema_too_new);
    CHECK(bytes_of(s.location()) == before);
}

STORAGE_CONTRACT("port: opening again keeps the schema and the rows (migrations are idempotent)",
                 "[storage][schema]") {
    store<TestType> s;
    write(s.db(), [](auto& r) { seed(r); });
    s.reopen();
    s.reopen();
    read(s.db(), [](auto& r) {
        CHECK(r.admin().find_branch("GS"));
        CHECK(r.units().list_units({}).size() == 4);
    });
}
