// Pages of a collection, as the NLGov REST API Design Rules want them: the query parameters
// page (from 1) and pageSize (1 to 100, 20 unless asked), and a list body with count, next,
// previous and results, where next and previous are links to the neighbouring pages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vc/core/result.h"
#include "vc/http/message.h"

namespace vc::http {

struct PageRequest {
  int64_t page = 1;
  int64_t page_size = 20;

  int64_t offset() const { return (page - 1) * page_size; }
};

// page and pageSize of the request; kInvalidArgument naming the parameter when one is not a
// whole number in its range.
Result<PageRequest> PageOf(const Request& req);

// kNotFound for a page after the last one (page 1 always exists, even when empty).
Status RequireExists(const PageRequest& page, int64_t count);

// {"count":..,"next":..,"previous":..,"results":[...]} from already serialised results. next
// and previous are this request's url with another page and every other parameter kept; null
// on the last and the first page.
std::string ListBody(const Request& req, int64_t count, const PageRequest& page,
                     const std::vector<std::string>& results);

}  // namespace vc::http
