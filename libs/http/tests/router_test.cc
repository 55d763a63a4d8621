#include "vc/http/router.h"

#include <catch2/catch.hpp>

namespace {

vc::http::Router MakeRouter() {
  vc::http::Router router;
  auto none = [](vc::http::Request&, const vc::http::Responder&) {};
  router.Add({"GET", "/r/api/v1/vrijwilligers", "", none});
  router.Add({"POST", "/r/api/v1/vrijwilligers", "", none});
  router.Add({"GET", "/r/api/v1/vrijwilligers/{id}", "", none});
  router.Add({"DELETE", "/r/api/v1/vrijwilligers/{id}", "", none});
  return router;
}

}  // namespace

TEST_CASE("a path parameter is captured from its segment", "[http][unit]") {
  auto router = MakeRouter();
  vc::http::Request req;
  auto match = router.Find("GET", "/r/api/v1/vrijwilligers/abc", req);
  REQUIRE(match.route);
  CHECK(match.route->pattern == "/r/api/v1/vrijwilligers/{id}");
  CHECK(req.Param("id") == "abc");
}

TEST_CASE("a known path with another method lists the allowed methods", "[http][unit]") {
  auto router = MakeRouter();
  vc::http::Request req;
  auto match = router.Find("PUT", "/r/api/v1/vrijwilligers/abc", req);
  CHECK_FALSE(match.route);
  CHECK(match.allowed == std::vector<std::string>{"GET", "DELETE"});
}

TEST_CASE("trailing slashes, empty segments and unknown paths match nothing", "[http][unit]") {
  auto router = MakeRouter();
  auto path = GENERATE(as<std::string>{}, "/r/api/v1/vrijwilligers/", "/r/api/v1//vrijwilligers",
                       "/r/api/v1/vrijwilligers//", "/r/api/v1", "", "/", "r/api/v1/vrijwilligers");
  CAPTURE(path);
  vc::http::Request req;
  auto match = router.Find("GET", path, req);
  CHECK_FALSE(match.route);
  CHECK(match.allowed.empty());
}
