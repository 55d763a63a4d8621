#include "http/gemeente_routes.h"

#include "domain/document.h"
#include "domain/resources.h"
#include "http/notify.h"
#include "http/resource_routes.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"

namespace vc::registration {
namespace {

using http::Request;
using http::Responder;
using http::Response;

bool IsPlatform(const Request& req) { return req.claims && req.claims->HasScope(kScopePlatform); }

// The gemeente a request may see: every one for the platform, else the token's own.
Result<std::string> Scope(const Request& req) {
  if (IsPlatform(req)) return std::string();
  if (req.claims && req.claims->gemeente) return *req.claims->gemeente;
  return Status(Code::kPermissionDenied, "Het token hoort niet bij een gemeente.");
}

// Onboarding asks for a code and a name only; the rest has defaults.
void ApplyGemeenteDefaults(rapidjson::Document& fields) {
  auto& a = fields.GetAllocator();
  if (!fields.HasMember("bewaartermijnMaanden")) {
    fields.AddMember("bewaartermijnMaanden", kDefaultRetentionMonths, a);
  }
  if (!fields.HasMember("modules")) {
    rapidjson::Value modules(rapidjson::kObjectType);
    for (const char* m : {"registratie", "matching", "subsidies", "rapportage"}) {
      modules.AddMember(rapidjson::StringRef(m), true, a);
    }
    fields.AddMember("modules", modules, a);
  }
}

struct Prepared {
  StoredRecord record;
  std::shared_ptr<rapidjson::Document> fields;
};

Result<Prepared> PrepareNew(const Context& ctx, const rapidjson::Value& input) {
  Result<rapidjson::Document> fields = Validate(GemeenteSpec(), input, Mode::kCreate);
  if (!fields.ok()) return fields.status();
  ApplyGemeenteDefaults(*fields);

  const std::string now = FormatRfc3339(ctx.clock.Now());
  DocumentMeta meta{NewUuid(), now, now, std::nullopt};
  std::string code = (*fields)["code"].GetString();
  StoredRecord record{meta.id, code, now, now, Compose(GemeenteSpec(), *fields, meta)};
  return Prepared{record, std::make_shared<rapidjson::Document>(std::move(fields).value())};
}

// The new gemeente and its notification, in one write.
Status InsertGemeente(const Context& ctx, storage::Connection& c, const Prepared& p,
                      const std::string& base) {
  VC_RETURN_IF_ERROR(ctx.Store("gemeenten").Insert(c, p.record, *p.fields));
  return Publish(ctx, c, base,
                 {GemeenteSpec(), p.record.gemeente, p.record.id, "create", p.fields.get(), {}});
}

class Handlers {
 public:
  explicit Handlers(Context& ctx) : ctx_(ctx), store_(ctx.Store("gemeenten")) {}

  void List(Request& req, const Responder& respond) const {
    Result<std::string> scope = Scope(req);
    if (!scope.ok()) return respond(http::Problem(scope.status(), req.path));
    Result<PageRequest> page = PageOf(req);
    if (!page.ok()) return respond(http::Problem(page.status(), req.path));
    Result<ListQuery> query = ListQueryOf(GemeenteSpec(), req, *page);
    if (!query.ok()) return respond(http::Problem(query.status(), req.path));
    query->gemeente = *scope;

    storage::ReadLease lease = ctx_.db.Read();
    Result<Page> result = store_.List(*lease, *query);
    if (!result.ok()) return respond(http::Problem(result.status(), req.path));
    std::vector<std::string> results;
    for (const Row& row : result->rows) results.push_back(WithUrl(Url(req, row.id), row.body));
    respond(Response::Json(200, ListBody(req, result->count, *page, results)));
  }

  void Create(Request& req, const Responder& respond) const {
    Result<rapidjson::Document> input = ParseBody(req);
    if (!input.ok()) return respond(http::Problem(input.status(), req.path));
    Result<Prepared> prepared = PrepareNew(ctx_, FieldsOf(*input));
    if (!prepared.ok()) return respond(http::Problem(prepared.status(), req.path));

    Prepared p = std::move(prepared).value();
    const std::string base = NotificationBase(ctx_, req.base_url);
    ctx_.db.Submit(
        [this, p, base](storage::Connection& c) { return InsertGemeente(ctx_, c, p, base); },
        [this, respond, req, p](const Status& status) {
          if (status.ok()) ctx_.tenants.Put(TenantFromDocument(p.record.id, *p.fields));
          Answer(respond, req, status, [&] {
            Response r = Response::Json(201, WithUrl(Url(req, p.record.id), p.record.body));
            return std::move(r.With("Location", Url(req, p.record.id)));
          });
        });
  }

  void Read(Request& req, const Responder& respond) const {
    Result<std::string> scope = Scope(req);
    if (!scope.ok()) return respond(http::Problem(scope.status(), req.path));
    const std::string& id = req.Param("id");
    storage::ReadLease lease = ctx_.db.Read();
    Result<std::string> body =
        IsUuid(id) ? store_.Find(*lease, *scope, id) : Result<std::string>(NotFound());
    if (!body.ok()) return respond(http::Problem(body.status(), req.path));
    respond(Response::Json(200, WithUrl(Url(req, id), *body)));
  }

  void Update(Request& req, const Responder& respond) const;

 private:
  static Status NotFound() { return Status::NotFound("Deze gemeente bestaat niet."); }
  std::string Url(const Request& req, const std::string& id) const {
    return ResourceUrl(ctx_, req, "gemeenten", id);
  }

  Context& ctx_;
  const ResourceStore& store_;
};

void Handlers::Update(Request& req, const Responder& respond) const {
  Result<std::string> scope = Scope(req);
  if (!scope.ok()) return respond(http::Problem(scope.status(), req.path));
  const std::string id = req.Param("id");
  if (!IsUuid(id)) return respond(http::Problem(NotFound(), req.path));
  Result<rapidjson::Document> input = ParseBody(req);
  if (!input.ok()) return respond(http::Problem(input.status(), req.path));
  Result<rapidjson::Document> patch = Validate(GemeenteSpec(), FieldsOf(*input), Mode::kPatch);
  if (!patch.ok()) return respond(http::Problem(patch.status(), req.path));

  auto shared_patch = std::make_shared<rapidjson::Document>(std::move(patch).value());
  auto result = std::make_shared<std::pair<std::string, Tenant>>();
  const std::string now = FormatRfc3339(ctx_.clock.Now());
  const std::string only = *scope;
  const std::string base = NotificationBase(ctx_, req.base_url);
  ctx_.db.Submit(
      [this, id, now, only, shared_patch, result, base](storage::Connection& c) -> Status {
        Result<std::string> stored = store_.Find(c, only, id);
        if (!stored.ok()) return stored.status();
        rapidjson::Document old;
        old.Parse(stored->data(), stored->size());

        rapidjson::Document merged = Merge(FieldsOf(old), *shared_patch);
        Result<rapidjson::Document> fields = Validate(GemeenteSpec(), merged, Mode::kCreate);
        if (!fields.ok()) return fields.status();
        const std::string code = (*fields)["code"].GetString();
        if (code != old["code"].GetString()) {
          return Status::InvalidField("code", "immutable", "kan niet worden gewijzigd");
        }

        DocumentMeta meta = MetaOf(old);
        meta.modified = now;
        result->first = Compose(GemeenteSpec(), *fields, meta);
        result->second = TenantFromDocument(id, *fields);
        VC_RETURN_IF_ERROR(store_.Update(c, {id, code, meta.created, now, result->first}, *fields));
        return Publish(ctx_, c, base, {GemeenteSpec(), code, id, "update", &*fields, {}});
      },
      [this, respond, req, id, result](const Status& status) {
        if (status.ok()) ctx_.tenants.Put(result->second);
        Answer(respond, req, status,
               [&] { return Response::Json(200, WithUrl(Url(req, id), result->first)); });
      });
}

}  // namespace

Result<Tenant> CreateGemeente(Context& ctx, const rapidjson::Value& input) {
  Result<Prepared> prepared = PrepareNew(ctx, input);
  if (!prepared.ok()) return prepared.status();
  const Prepared& p = *prepared;
  const std::string base = NotificationBase(ctx, "");
  Status written =
      ctx.db.Write([&](storage::Connection& c) { return InsertGemeente(ctx, c, p, base); });
  if (!written.ok()) return written;
  Tenant tenant = TenantFromDocument(p.record.id, *p.fields);
  ctx.tenants.Put(tenant);
  return tenant;
}

void AddGemeenteRoutes(Context& ctx, http::Server& server) {
  auto h = std::make_shared<Handlers>(ctx);
  const std::string base = ctx.prefix + "/gemeenten";
  server.Add({"GET", base, kScopeRead, [h](Request& r, const Responder& s) { h->List(r, s); }});
  server.Add(
      {"POST", base, kScopePlatform, [h](Request& r, const Responder& s) { h->Create(r, s); }});
  server.Add(
      {"GET", base + "/{id}", kScopeRead, [h](Request& r, const Responder& s) { h->Read(r, s); }});
  server.Add({"PATCH", base + "/{id}", kScopeAdmin,
              [h](Request& r, const Responder& s) { h->Update(r, s); }});
}

}  // namespace vc::registration
