// Owning handles for what libjwt allocates, so that every early return frees it.
#pragma once

#include <jwt.h>

#include <cstdlib>
#include <memory>

namespace vc::auth {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtHandle = std::unique_ptr<jwt_t, JwtDeleter>;

// libjwt 1.10 returns text from malloc (no custom allocator is installed by this project).
struct MallocDeleter {
  void operator()(char* text) const { std::free(text); }
};
using JwtText = std::unique_ptr<char, MallocDeleter>;

}  // namespace vc::auth
