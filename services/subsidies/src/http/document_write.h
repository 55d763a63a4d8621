// Storing a validated JSON document and answering 201 with it, for the routes whose records
// are kept as documents (agreements, co-funding).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/context.h"
#include "storage/documents.h"

namespace vc::subsidies {

// check runs in the same write before the insert (e.g. the parent must exist). doc->json is
// the document without url; the answer puts url first.
void SubmitDocument(Context& ctx, const http::Request& req, const http::Responder& respond,
                    std::shared_ptr<StoredDocument> doc, const std::string& url,
                    std::function<Status(storage::Connection&)> check);

// {"url":..., ...the stored members}
std::string WithUrl(const std::string& url, const std::string& json);

}  // namespace vc::subsidies
