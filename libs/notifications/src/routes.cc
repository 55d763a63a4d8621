#include "vc/notifications/routes.h"

#include <algorithm>
#include <memory>

#include "vc/core/uuid.h"
#include "vc/http/page.h"
#include "vc/http/problem.h"
#include "vc/json/writer.h"
#include "vc/notifications/subscription.h"

namespace vc::notifications {
namespace {

using http::Request;
using http::Responder;
using http::Response;

std::optional<std::string> GemeenteOf(const Request& req) {
  if (!req.claims) return std::nullopt;
  return req.claims->gemeente;
}

// Whether the token may see the subscription: every channel filtered on its gemeente.
bool Visible(const Request& req, const Subscription& s) {
  std::optional<std::string> gemeente = GemeenteOf(req);
  if (!gemeente) return true;
  return std::all_of(s.kanalen.begin(), s.kanalen.end(), [&](const ChannelFilter& k) {
    auto it = k.filters.find("gemeente");
    return it != k.filters.end() && it->second == *gemeente;
  });
}

Status NoSubscription() { return Status::NotFound("Dit abonnement bestaat niet."); }

// Dead letters mix every gemeente's messages, so only the platform operator sees them.
Status PlatformOnly() {
  return Status(Code::kPermissionDenied,
                "Mislukte afleveringen zijn alleen zichtbaar voor een token zonder gemeente.");
}

void Answer(const Responder& respond, const Request& req, const Status& status,
            const std::function<Response()>& make_ok) {
  respond(status.ok() ? make_ok() : http::Problem(status, req.path));
}

class Handlers {
 public:
  Handlers(storage::Database& db, Dispatcher& dispatcher, const Clock& clock, SubscriptionApi api)
      : db_(db), dispatcher_(dispatcher), clock_(clock), api_(std::move(api)) {}

  void List(Request& req, const Responder& respond) const {
    Result<http::PageRequest> page = http::PageOf(req);
    if (!page.ok()) return respond(http::Problem(page.status(), req.path));
    Result<std::vector<Subscription>> all = [&] {
      storage::ReadLease lease = db_.Read();
      return ListSubscriptions(*lease);
    }();
    if (!all.ok()) return respond(http::Problem(all.status(), req.path));

    // Limitation: the visible subscriptions are filtered and paged in memory; a service has
    // a handful of them, not thousands.
    std::vector<std::string> visible;
    for (const Subscription& s : *all) {
      if (Visible(req, s)) visible.push_back(SubscriptionJson(req, s));
    }
    const auto count = static_cast<int64_t>(visible.size());
    if (Status exists = http::RequireExists(*page, count); !exists.ok()) {
      return respond(http::Problem(exists, req.path));
    }
    const auto first = visible.begin() + std::min(page->offset(), count);
    const auto last = visible.begin() + std::min(page->offset() + page->page_size, count);
    respond(Response::Json(
        200, http::ListBody(req, count, *page, std::vector<std::string>(first, last))));
  }

  void Create(Request& req, const Responder& respond) const {
    Result<Subscription> parsed = ParseSubscription(req.body, api_.channels);
    if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));
    Subscription s = std::move(parsed).value();
    if (std::optional<std::string> gemeente = GemeenteOf(req)) {
      for (ChannelFilter& k : s.kanalen) k.filters["gemeente"] = *gemeente;
    }

    // Limitation: the test delivery runs on the server thread, which it holds for up to
    // verify_timeout; subscriptions are created rarely, by administrators.
    Status verified = VerifyCallback(s, api_.verify_timeout);
    if (!verified.ok()) return respond(http::Problem(verified, req.path));

    s.id = NewUuid();
    s.bron = "api";
    const std::string now = FormatRfc3339(clock_.Now());
    auto body = std::make_shared<std::string>(SubscriptionJson(req, s));
    const std::string url = Url(req, "abonnementen", s.id);
    db_.Submit([s, now](storage::Connection& c) { return InsertSubscription(c, s, now); },
               [respond, req, body, url](const Status& status) {
                 Answer(respond, req, status, [&] {
                   Response r = Response::Json(201, *body);
                   return std::move(r.With("Location", url));
                 });
               });
  }

  void Read(Request& req, const Responder& respond) const {
    Result<Subscription> s = Find(req);
    if (!s.ok()) return respond(http::Problem(s.status(), req.path));
    respond(Response::Json(200, SubscriptionJson(req, *s)));
  }

  void Remove(Request& req, const Responder& respond) const {
    Result<Subscription> s = Find(req);
    if (!s.ok()) return respond(http::Problem(s.status(), req.path));
    if (s->bron != "api") {
      return respond(
          http::Problem(Status(Code::kConflict,
                               "Dit abonnement komt uit de configuratie en verdwijnt alleen daar."),
                        req.path));
    }
    const std::string id = s->id;
    db_.Submit([id](storage::Connection& c) { return DeleteSubscription(c, id); },
               [respond, req](const Status& status) {
                 Answer(respond, req, status, [] { return Response::NoContent(); });
               });
  }

  void ListDeadLetters(Request& req, const Responder& respond) const {
    if (GemeenteOf(req)) return respond(http::Problem(PlatformOnly(), req.path));
    Result<http::PageRequest> page = http::PageOf(req);
    if (!page.ok()) return respond(http::Problem(page.status(), req.path));
    storage::ReadLease lease = db_.Read();
    Result<int64_t> count = CountDead(*lease);
    if (!count.ok()) return respond(http::Problem(count.status(), req.path));
    if (Status exists = http::RequireExists(*page, *count); !exists.ok()) {
      return respond(http::Problem(exists, req.path));
    }
    Result<std::vector<Delivery>> dead = ListDead(*lease, page->page_size, page->offset());
    if (!dead.ok()) return respond(http::Problem(dead.status(), req.path));
    std::vector<std::string> results;
    for (const Delivery& d : *dead) results.push_back(DeliveryJson(req, d));
    respond(Response::Json(200, http::ListBody(req, *count, *page, results)));
  }

  void Retry(Request& req, const Responder& respond) const {
    if (GemeenteOf(req)) return respond(http::Problem(PlatformOnly(), req.path));
    const std::string id = req.Param("id");
    if (!IsUuid(id)) {
      return respond(
          http::Problem(Status::NotFound("Deze mislukte aflevering bestaat niet."), req.path));
    }
    Dispatcher* dispatcher = &dispatcher_;
    db_.Submit([id](storage::Connection& c) { return RetryDead(c, id); },
               [respond, req, dispatcher](const Status& status) {
                 if (status.ok()) dispatcher->Wake();
                 Answer(respond, req, status, [] { return Response::NoContent(); });
               });
  }

 private:
  std::string Url(const Request& req, const char* collection, const std::string& id) const {
    return req.base_url + api_.prefix + "/" + collection + "/" + id;
  }

  // The Abonnement without its auth value, which is write-only.
  std::string SubscriptionJson(const Request& req, const Subscription& s) const {
    json::Writer w;
    w.StartObject()
        .Field("url", Url(req, "abonnementen", s.id))
        .Field("id", s.id)
        .Field("callbackUrl", s.callback_url)
        .Key("kanalen")
        .Raw(KanalenJson(s.kanalen))
        .Field("bron", s.bron)
        .EndObject();
    return w.Take();
  }

  std::string DeliveryJson(const Request& req, const Delivery& d) const {
    const bool forwarded = d.abonnement == "doorsturen";
    json::Writer w;
    w.StartObject()
        .Field("url", Url(req, "mislukte-afleveringen", d.uuid))
        .Field("id", d.uuid)
        .Field("abonnement", forwarded ? std::string() : Url(req, "abonnementen", d.abonnement))
        .Field("pogingen", static_cast<int64_t>(d.pogingen))
        .Field("laatsteFout", d.laatste_fout)
        .Key("notificatie")
        .Raw(d.bericht)
        .Key("afleverpogingen")
        .StartArray();
    for (const Attempt& a : d.attempts) {
      w.StartObject().Field("tijdstip", a.tijdstip).Key("httpStatus");
      if (a.http_status == 0) {
        w.Null();
      } else {
        w.Int(a.http_status);
      }
      w.Field("fout", a.fout).EndObject();
    }
    w.EndArray().EndObject();
    return w.Take();
  }

  Result<Subscription> Find(const Request& req) const {
    const std::string& id = req.Param("id");
    if (!IsUuid(id)) return NoSubscription();
    storage::ReadLease lease = db_.Read();
    Result<Subscription> s = FindSubscription(*lease, id);
    if (!s.ok()) return s.status();
    if (!Visible(req, *s)) return NoSubscription();
    return s;
  }

  storage::Database& db_;
  Dispatcher& dispatcher_;
  const Clock& clock_;
  SubscriptionApi api_;
};

}  // namespace

void AddSubscriptionRoutes(storage::Database& db, Dispatcher& dispatcher, const Clock& clock,
                           SubscriptionApi api, http::Server& server) {
  const std::string base = api.prefix + "/abonnementen";
  const std::string dead = api.prefix + "/mislukte-afleveringen";
  auto h = std::make_shared<Handlers>(db, dispatcher, clock, std::move(api));
  auto route = [&](const char* method, const std::string& path,
                   void (Handlers::*handle)(Request&, const Responder&) const) {
    server.Add({method, path, kScopeNotifications,
                [h, handle](Request& r, const Responder& s) { ((*h).*handle)(r, s); }});
  };
  route("GET", base, &Handlers::List);
  route("POST", base, &Handlers::Create);
  route("GET", base + "/{id}", &Handlers::Read);
  route("DELETE", base + "/{id}", &Handlers::Remove);
  route("GET", dead, &Handlers::ListDeadLetters);
  route("POST", dead + "/{id}/herhaling", &Handlers::Retry);
}

}  // namespace vc::notifications
