// Reading and writing the subsidy facts with a given connection. Every function takes the
// gemeente: a record of another gemeente is kNotFound, exactly like one that does not exist.
// Writes must run inside Database work (one transaction); reads on a ReadLease. Not
// thread-safe beyond what its Connection is.
#pragma once

#include <string>
#include <vector>

#include "domain/records.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

struct Slice {
  int64_t offset = 0;
  int64_t limit = 20;
};

template <typename T>
struct Listed {
  int64_t count = 0;
  std::vector<T> items;
};

Status InsertScheme(storage::Connection& c, const Scheme& scheme);
Result<Scheme> FindScheme(storage::Connection& c, const std::string& gemeente,
                          const std::string& id);
Result<Listed<Scheme>> ListSchemes(storage::Connection& c, const std::string& gemeente,
                                   const Slice& slice);
// Adds delta (negative: gives back) to the scheme's booked total; the table's CHECK refuses
// going over the ceiling, so even a bug upstream cannot book past it (kConflict), and giving
// back more than is booked is kInternal. Publishes nothing: TakeStep (storage/transitions.h) books
// and publishes together.
Status Book(storage::Connection& c, const std::string& scheme_id, int64_t delta);

// Inserts and sets application.sequence. The scheme is the application's: its terms decide
// the stored deadline (domain/deadline.h), as in SaveApplication.
Status InsertApplication(storage::Connection& c, Application& application, const Scheme& scheme);
Result<Application> FindApplication(storage::Connection& c, const std::string& gemeente,
                                    const std::string& id);
struct ApplicationFilter {
  std::string scheme_id;  // empty: all
  std::string state;      // empty: all
};
Result<Listed<Application>> ListApplications(storage::Connection& c, const std::string& gemeente,
                                             const ApplicationFilter& filter, const Slice& slice);

// The SQL of a page of applications and of their count, with a term only for each filter
// given, so that SQLite can take the index that fits them (an always-present term such as
// "(? = '' OR status = ?)" would hide every index but the gemeente's). params are the text
// parameters in order; the page SQL takes the limit and offset after them.
struct ApplicationQuery {
  std::string page_sql;
  std::string count_sql;
  std::vector<std::string> params;
};
ApplicationQuery QueryFor(const std::string& gemeente, const ApplicationFilter& filter);
// Every application of a scheme in one state, by receipt time then sequence.
Result<std::vector<Application>> ApplicationsInState(storage::Connection& c,
                                                     const std::string& scheme_id, State state);
Status SaveApplication(storage::Connection& c, const Application& application,
                       const Scheme& scheme);

// The one place a transition's fact is recorded, and published: the step and its
// notification (storage/publish.h) go into the same transaction, so that a fact is published
// exactly when it is stored. after is the application as the step left it; api_url the start
// of published urls.
Status RecordStep(storage::Connection& c, const StepRecord& step, const Application& after,
                  SchemeKind kind, const std::string& api_url);
Result<std::vector<StepRecord>> StepsOf(storage::Connection& c, const std::string& gemeente,
                                        const std::string& application_id);

}  // namespace vc::subsidies
