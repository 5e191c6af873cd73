#include "server/storage/postgres/backup.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <libpq-fe.h>
#include <random>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "server/storage/database.hpp"

extern char** environ;

namespace agrirent::storage::postgres {
namespace {

const std::string manual =
    "; see docs/deployment.md (\"Backups on PostgreSQL\") for pg_dump and the procedure";

[[noreturn]] void fail_errno(const std::string& what, const std::filesystem::path& file) {
    throw std::runtime_error(what + " " + file.string() + ": " + std::strerror(errno));
}

void sync_path(const std::filesystem::path& p, bool directory) {
    const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) {
        fail_errno("cannot open", p);
    }
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        fail_errno("fsync failed for", p);
    }
}

// A key=value conninfo with every option of `conninfo` but the password, which is returned apart.
std::string without_password(const std::string& conninfo, std::string& password) {
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
    if (options == nullptr) {
        const std::string why = message != nullptr ? message : "out of memory";
        PQfreemem(message);
        throw std::runtime_error("invalid PostgreSQL URI: " + why);
    }
    std::string out;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr || *o->val == '\0') {
            continue;
        }
        if (std::strcmp(o->keyword, "password") == 0) {
            password = o->val;
            continue;
        }
        out += o->keyword;
        out += "='";
        for (const char* c = o->val; *c != '\0'; ++c) {
            if (*c == '\'' || *c == '\\') {
                out += '\\';
            }
            out += *c;
        }
        out += "' ";
    }
    PQconninfoFree(options);
    return out;
}

std::string tail_of(const std::filesystem::path& file) {
    std::ifstream in{file};
    std::string text{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text.size() > 600 ? "…" + text.substr(text.size() - 600) : text;
}

} // namespace

std::filesystem::path find_dump_program(const std::filesystem::path& program) {
    if (!program.empty()) {
        return ::access(program.c_str(), X_OK) == 0 ? program : std::filesystem::path{};
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::filesystem::path candidate =
            std::filesystem::path(dirs.substr(start, end - start)) / "pg_dump";
        if (end > start && ::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        start = end + 1;
    }
    return {};
}

std::uintmax_t dump_into(const std::string& conninfo, const std::filesystem::path& program,
                         const std::filesystem::path& target) {
    const auto dump = find_dump_program(program);
    if (dump.empty()) {
        throw std::runtime_error(
            (program.empty() ? std::string("pg_dump was not found on PATH (install "
                                           "postgresql-client, or name it with --pg-dump)")
                             : "the configured pg_dump " + program.string() + " cannot be run") +
            manual);
    }
    const auto folder = target.has_parent_path() ? target.parent_path() : ".";
    std::filesystem::create_directories(folder);
    if (std::filesystem::exists(target)) {
        throw backup_exists("backup file " + target.string() + " already exists");
    }
    const std::string stem = "." + target.filename().string() + ".tmp-" +
                             std::to_string(::getpid()) + "-" +
                             std::to_string(std::random_device{}());
    const auto temporary = folder / stem;
    const auto errors = folder / (stem + ".err");
    struct remover {
        std::filesystem::path a, b;
        ~remover() {
            std::error_code ignored;
            std::filesystem::remove(a, ignored);
            std::filesystem::remove(b, ignored);
        }
    } cleanup{temporary, errors};

    std::string password;
    const std::string dbname = "--dbname=" + without_password(conninfo, password);
    const std::string file = "--file=" + temporary.string();
    std::vector<std::string> args{dump.string(), "--format=custom", "--no-password", file, dbname};
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::strncmp(*e, "PGPASSWORD=", 11) != 0) {
            env_strings.emplace_back(*e);
        }
    }
    if (!password.empty()) {
        env_strings.push_back("PGPASSWORD=" + password);
    }
    std::vector<char*> envp;
    for (auto& e : env_strings) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, dump.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        errno = rc;
        fail_errno("cannot run", dump);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fail_errno("cannot wait for", dump);
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error(dump.string() + " failed (" +
                                 (WIFEXITED(status)
                                      ? "exit " + std::to_string(WEXITSTATUS(status))
                                      : "signal " + std::to_string(WTERMSIG(status))) +
                                 "): " + tail_of(errors) + manual);
    }
    sync_path(temporary, false);
    // link() fails if the name exists: two backups at once never overwrite each other.
    if (::link(temporary.c_str(), target.c_str()) != 0) {
        if (errno == EEXIST) {
            throw backup_exists("backup file " + target.string() + " already exists");
        }
        fail_errno("cannot create", target);
    }
    sync_path(folder, true);
    return std::filesystem::file_size(target);
}

} // namespace agrirent::storage::postgres
