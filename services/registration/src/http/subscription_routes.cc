#include "http/subscription_routes.h"

#include <algorithm>

#include "http/notify.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/writer.h"
#include "vc/notifications/subscription.h"

namespace vc::registration {
namespace {

using http::Request;
using http::Responder;
using http::Response;
namespace vn = notifications;

std::optional<std::string> GemeenteOf(const Request& req) {
  if (!req.claims) return std::nullopt;
  return req.claims->gemeente;
}

// Whether the token may see the subscription: every channel filtered on its gemeente.
bool Visible(const Request& req, const vn::Subscription& s) {
  std::optional<std::string> gemeente = GemeenteOf(req);
  if (!gemeente) return true;
  return std::all_of(s.kanalen.begin(), s.kanalen.end(), [&](const vn::ChannelFilter& k) {
    auto it = k.filters.find("gemeente");
    return it != k.filters.end() && it->second == *gemeente;
  });
}

std::string SubscriptionUrl(const Context& ctx, const Request& req, const std::string& id) {
  return ResourceUrl(ctx, req, "abonnementen", id);
}

// The Abonnement without its auth value, which is write-only.
std::string SubscriptionJson(const Context& ctx, const Request& req, const vn::Subscription& s) {
  json::Writer w;
  w.StartObject()
      .Field("url", SubscriptionUrl(ctx, req, s.id))
      .Field("id", s.id)
      .Field("callbackUrl", s.callback_url)
      .Key("kanalen")
      .Raw(vn::KanalenJson(s.kanalen))
      .Field("bron", s.bron)
      .EndObject();
  return w.Take();
}

std::string DeliveryJson(const Context& ctx, const Request& req, const vn::Delivery& d) {
  json::Writer w;
  w.StartObject()
      .Field("url", ResourceUrl(ctx, req, "mislukte-afleveringen", d.uuid))
      .Field("id", d.uuid)
      .Field("abonnement", d.abonnement == "doorsturen" ? std::string()
                                                         : SubscriptionUrl(ctx, req, d.abonnement))
      .Field("pogingen", static_cast<int64_t>(d.pogingen))
      .Field("laatsteFout", d.laatste_fout)
      .Key("notificatie")
      .Raw(d.bericht)
      .Key("afleverpogingen")
      .StartArray();
  for (const vn::Attempt& a : d.attempts) {
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

Status NotFound() { return Status::NotFound("Dit abonnement bestaat niet."); }

class Handlers {
 public:
  Handlers(Context& ctx, vn::Dispatcher& dispatcher, std::chrono::milliseconds verify_timeout)
      : ctx_(ctx), dispatcher_(dispatcher), verify_timeout_(verify_timeout) {}

  void List(Request& req, const Responder& respond) const {
    Result<PageRequest> page = PageOf(req);
    if (!page.ok()) return respond(http::Problem(page.status(), req.path));
    Result<std::vector<vn::Subscription>> all = [&] {
      storage::ReadLease lease = ctx_.db.Read();
      return vn::ListSubscriptions(*lease);
    }();
    if (!all.ok()) return respond(http::Problem(all.status(), req.path));

    std::vector<std::string> visible;
    for (const vn::Subscription& s : *all) {
      if (Visible(req, s)) visible.push_back(SubscriptionJson(ctx_, req, s));
    }
    respond(Slice(req, *page, visible));
  }

  void Create(Request& req, const Responder& respond) const {
    Result<vn::Subscription> parsed = vn::ParseSubscription(req.body, Channels());
    if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));
    vn::Subscription s = std::move(parsed).value();
    if (std::optional<std::string> gemeente = GemeenteOf(req)) {
      for (vn::ChannelFilter& k : s.kanalen) k.filters["gemeente"] = *gemeente;
    }

    // Limitation: the test delivery runs on the server thread, which it holds for up to
    // verify_timeout; subscriptions are created rarely, by administrators.
    Status verified = vn::VerifyCallback(s, verify_timeout_);
    if (!verified.ok()) return respond(http::Problem(verified, req.path));

    s.id = NewUuid();
    s.bron = "api";
    const std::string now = FormatRfc3339(ctx_.clock.Now());
    auto body = std::make_shared<std::string>(SubscriptionJson(ctx_, req, s));
    const std::string url = SubscriptionUrl(ctx_, req, s.id);
    ctx_.db.Submit(
        [s, now](storage::Connection& c) { return vn::InsertSubscription(c, s, now); },
        [respond, req, body, url](const Status& status) {
          Answer(respond, req, status, [&] {
            Response r = Response::Json(201, *body);
            return std::move(r.With("Location", url));
          });
        });
  }

  void Read(Request& req, const Responder& respond) const {
    Result<vn::Subscription> s = Find(req);
    if (!s.ok()) return respond(http::Problem(s.status(), req.path));
    respond(Response::Json(200, SubscriptionJson(ctx_, req, *s)));
  }

  void Remove(Request& req, const Responder& respond) const {
    Result<vn::Subscription> s = Find(req);
    if (!s.ok()) return respond(http::Problem(s.status(), req.path));
    if (s->bron != "api") {
      return respond(http::Problem(
          Status(Code::kConflict,
                 "Dit abonnement komt uit de configuratie en verdwijnt alleen daar."),
          req.path));
    }
    const std::string id = s->id;
    ctx_.db.Submit([id](storage::Connection& c) { return vn::DeleteSubscription(c, id); },
                   [respond, req](const Status& status) {
                     Answer(respond, req, status, [] { return Response::NoContent(); });
                   });
  }

  void ListDead(Request& req, const Responder& respond) const {
    if (GemeenteOf(req)) return respond(http::Problem(PlatformOnly(), req.path));
    Result<PageRequest> page = PageOf(req);
    if (!page.ok()) return respond(http::Problem(page.status(), req.path));
    storage::ReadLease lease = ctx_.db.Read();
    Result<int64_t> count = vn::CountDead(*lease);
    if (!count.ok()) return respond(http::Problem(count.status(), req.path));
    Result<std::vector<vn::Delivery>> dead =
        vn::ListDead(*lease, page->page_size, (page->page - 1) * page->page_size);
    if (!dead.ok()) return respond(http::Problem(dead.status(), req.path));
    if (dead->empty() && page->page > 1) {
      return respond(http::Problem(Status::NotFound("Deze pagina bestaat niet."), req.path));
    }
    std::vector<std::string> results;
    for (const vn::Delivery& d : *dead) results.push_back(DeliveryJson(ctx_, req, d));
    respond(Response::Json(200, ListBody(req, *count, *page, results)));
  }

  void Retry(Request& req, const Responder& respond) const {
    if (GemeenteOf(req)) return respond(http::Problem(PlatformOnly(), req.path));
    const std::string id = req.Param("id");
    if (!IsUuid(id)) {
      return respond(
          http::Problem(Status::NotFound("Deze mislukte aflevering bestaat niet."), req.path));
    }
    vn::Dispatcher* dispatcher = &dispatcher_;
    ctx_.db.Submit([id](storage::Connection& c) { return vn::RetryDead(c, id); },
                   [respond, req, dispatcher](const Status& status) {
                     if (status.ok()) dispatcher->Wake();
                     Answer(respond, req, status, [] { return Response::NoContent(); });
                   });
  }

 private:
  // Dead letters mix every gemeente's messages, so only the platform operator sees them.
  static Status PlatformOnly() {
    return Status(Code::kPermissionDenied,
                  "Mislukte afleveringen zijn alleen zichtbaar voor een token zonder gemeente.");
  }

  Result<vn::Subscription> Find(const Request& req) const {
    const std::string& id = req.Param("id");
    if (!IsUuid(id)) return NotFound();
    storage::ReadLease lease = ctx_.db.Read();
    Result<vn::Subscription> s = vn::FindSubscription(*lease, id);
    if (!s.ok()) return s.status();
    if (!Visible(req, *s)) return NotFound();
    return s;
  }

  Response Slice(const Request& req, const PageRequest& page,
                 const std::vector<std::string>& all) const {
    const size_t first = static_cast<size_t>((page.page - 1) * page.page_size);
    if (first >= all.size() && page.page > 1) {
      return http::Problem(Status::NotFound("Deze pagina bestaat niet."), req.path);
    }
    const size_t last = std::min(all.size(), first + static_cast<size_t>(page.page_size));
    std::vector<std::string> slice(all.begin() + static_cast<std::ptrdiff_t>(std::min(first, last)),
                                   all.begin() + static_cast<std::ptrdiff_t>(last));
    return Response::Json(200, ListBody(req, static_cast<int64_t>(all.size()), page, slice));
  }

  Context& ctx_;
  vn::Dispatcher& dispatcher_;
  std::chrono::milliseconds verify_timeout_;
};

}  // namespace

void AddSubscriptionRoutes(Context& ctx, notifications::Dispatcher& dispatcher,
                           std::chrono::milliseconds verify_timeout, http::Server& server) {
  auto h = std::make_shared<Handlers>(ctx, dispatcher, verify_timeout);
  const std::string base = ctx.prefix + "/abonnementen";
  const std::string dead = ctx.prefix + "/mislukte-afleveringen";
  const char* scope = kScopeNotifications;
  server.Add({"GET", base, scope, [h](Request& r, const Responder& s) { h->List(r, s); }});
  server.Add({"POST", base, scope, [h](Request& r, const Responder& s) { h->Create(r, s); }});
  server.Add({"GET", base + "/{id}", scope, [h](Request& r, const Responder& s) { h->Read(r, s); }});
  server.Add(
      {"DELETE", base + "/{id}", scope, [h](Request& r, const Responder& s) { h->Remove(r, s); }});
  server.Add({"GET", dead, scope, [h](Request& r, const Responder& s) { h->ListDead(r, s); }});
  server.Add({"POST", dead + "/{id}/herhaling", scope,
              [h](Request& r, const Responder& s) { h->Retry(r, s); }});
}

}  // namespace vc::registration
