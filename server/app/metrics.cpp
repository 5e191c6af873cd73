#include "server/app/metrics.hpp"

#include <sstream>

namespace agrirent::app {

void metrics::observe_request(std::string_view method, std::string_view route, int status,
                              std::chrono::microseconds latency) {
    std::string key;
    key.reserve(method.size() + route.size() + 6);
    key.append(method).append("|").append(route).append("|").append(std::to_string(status));
    const double seconds = static_cast<double>(latency.count()) / 1e6;
    const std::lock_guard lock{mutex_};
    ++requests_[key];
    auto it = latency_.find(route);
    if (it == latency_.end()) {
        it = latency_.emplace(std::string{route}, histogram{}).first;
    }
    histogram& h = it->second;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i]) {
            ++h.buckets[i];
        }
    }
    ++h.count;
    h.sum += seconds;
}

void metrics::count_booking(std::string_view outcome) {
    const std::lock_guard lock{mutex_};
    auto it = bookings_.find(outcome);
    if (it == bookings_.end()) {
        it = bookings_.emplace(std::string{outcome}, 0).first;
    }
    ++it->second;
}

std::string metrics::render() const {
    std::ostringstream out;
    const std::lock_guard lock{mutex_};
    out << "# HELP agrirent_http_requests_total HTTP requests by method, route and status.\n"
        << "# TYPE agrirent_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        const auto a = key.find('|');
        const auto b = key.rfind('|');
        out << "agrirent_http_requests_total{method=\"" << key.substr(0, a) << "\",route=\""
            << key.substr(a + 1, b - a - 1) << "\",status=\"" << key.substr(b + 1) << "\"} " << n
            << '\n';
    }
    out << "# HELP agrirent_http_request_duration_seconds Time to handle a request, by route.\n"
        << "# TYPE agrirent_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            out << "agrirent_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << bounds[i] << "\"} " << h.buckets[i] << '\n';
        }
        out << "agrirent_http_request_duration_seconds_bucket{route=\"" << route
            << "\",le=\"+Inf\"} " << h.count << '\n'
            << "agrirent_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum
            << '\n'
            << "agrirent_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
            << '\n';
    }
    out << "# HELP agrirent_bookings_total Booking attempts by outcome (created or refusal code).\n"
        << "# TYPE agrirent_bookings_total counter\n";
    for (const auto& [outcome, n] : bookings_) {
        out << "agrirent_bookings_total{outcome=\"" << outcome << "\"} " << n << '\n';
    }
    out << "# HELP agrirent_open_connections Open HTTP connections.\n"
        << "# TYPE agrirent_open_connections gauge\n"
        << "agrirent_open_connections " << (connections_ ? connections_() : 0) << '\n';
    return out.str();
}

} // namespace agrirent::app
