// Host name lookup within a deadline, for the plain http sender (post.cc). Internal to
// vc_notifications.
//
// getaddrinfo has no timeout of its own: a DNS server that does not answer holds the caller
// for the resolver's retries (by default 5 s per try and server, resolv.conf(5)), longer than
// a delivery attempt may take, and the dispatcher's round waits for its slowest delivery.
// A name that needs DNS is therefore looked up on a thread of its own, which the caller waits
// for until its deadline only. A lookup given up on finishes by itself and frees its result.
// Numeric addresses are parsed at once, without a thread.
//
// Thread-safe.
#pragma once

#include <netdb.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace vc::notifications {

struct FreeAddresses {
  void operator()(addrinfo* list) const { ::freeaddrinfo(list); }
};
using Addresses = std::unique_ptr<addrinfo, FreeAddresses>;

// Looks a name up as getaddrinfo does (and with results getaddrinfo made, since they are
// freed with freeaddrinfo). Tests pass one that answers slowly.
using Lookup = std::function<int(const std::string& host, const std::string& port,
                                 const addrinfo& hints, addrinfo** found)>;

int SystemLookup(const std::string& host, const std::string& port, const addrinfo& hints,
                 addrinfo** found);

// The addresses of host and port for a TCP connection, or null with *error set when the name
// is unknown or no answer came before deadline.
Addresses ResolveBefore(const std::string& host, const std::string& port,
                        std::chrono::steady_clock::time_point deadline, std::string* error,
                        const Lookup& lookup = SystemLookup);

}  // namespace vc::notifications
