// Records kept as validated JSON documents: cooperation agreements and co-funding. The
// service validates and writes the JSON itself, so what is stored is what the API shows.
#pragma once

#include <string>

#include "storage/stores.h"

namespace vc::subsidies {

struct StoredDocument {
  std::string id;
  std::string gemeente;
  std::string kind;    // "samenwerkingsovereenkomst", "medefinanciering"
  std::string parent;  // for co-funding: the application id; else empty
  std::string json;    // the document without its url
  std::string created_at;
};

Status InsertDocument(storage::Connection& c, const StoredDocument& doc);
Result<std::string> FindDocument(storage::Connection& c, const std::string& gemeente,
                                 const std::string& kind, const std::string& id);
Result<Listed<StoredDocument>> ListDocuments(storage::Connection& c, const std::string& gemeente,
                                             const std::string& kind, const std::string& parent,
                                             const Slice& slice);

}  // namespace vc::subsidies
