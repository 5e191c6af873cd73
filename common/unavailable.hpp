#pragma once
// Something the server depends on (its database server) cannot be reached right now. Nothing was
// done; the same request may succeed if repeated shortly. The http layer answers it with the
// refusal reason::unavailable (503 and Retry-After; pages: a "try again shortly" page). Thrown as
// storage::unavailable (server/storage/database.hpp); declared here so that every layer that
// renders answers can name it without including the storage port.
#include <stdexcept>

namespace agrirent {

class temporarily_unavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

} // namespace agrirent
