#include "http/resource_routes.h"

#include "domain/document.h"
#include "domain/rules.h"
#include "http/notify.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"

namespace vc::registration {
namespace {

using http::Request;
using http::Responder;
using http::Response;

std::string ActingOf(const Request& req) {
  if (!req.claims) return "";
  return req.claims->user_id ? *req.claims->user_id : req.claims->client_id;
}

Result<rapidjson::Document> ParseStored(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return Status::Internal("stored JSON is invalid");
  return doc;
}

class Handlers {
 public:
  Handlers(Context& ctx, const ResourceSpec& spec)
      : ctx_(ctx), spec_(spec), store_(ctx.Store(spec.collection)) {}

  void List(Request& req, const Responder& respond) const;
  void Create(Request& req, const Responder& respond) const;
  void Read(Request& req, const Responder& respond) const;
  void Update(Request& req, const Responder& respond) const;
  void Remove(Request& req, const Responder& respond) const;

 private:
  std::string Activity(const char* verb) const { return spec_.singular + "." + verb; }
  Response Created(const Request& req, const std::string& id, const std::string& body) const;

  Context& ctx_;
  const ResourceSpec& spec_;
  const ResourceStore& store_;
};

void Handlers::List(Request& req, const Responder& respond) const {
  Result<Tenant> tenant = RequireTenant(ctx_, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  Result<PageRequest> page = PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));
  Result<ListQuery> query = ListQueryOf(spec_, req, *page);
  if (!query.ok()) return respond(http::Problem(query.status(), req.path));
  query->gemeente = tenant->code;

  Result<Page> result = [&] {
    storage::ReadLease lease = ctx_.db.Read();
    return store_.List(*lease, *query);
  }();
  if (!result.ok()) return respond(http::Problem(result.status(), req.path));

  std::vector<std::string> results;
  results.reserve(result->rows.size());
  for (const Row& row : result->rows) {
    results.push_back(WithUrl(ResourceUrl(ctx_, req, spec_.collection, row.id), row.body));
  }
  if (spec_.holds_personal_data) {
    ctx_.processing.Record(
        StartProcessing(ctx_, req, *tenant, spec_.collection + ".lijst", spec_.subject_kind, ""));
  }
  respond(Response::Json(200, ListBody(req, result->count, *page, results)));
}

Response Handlers::Created(const Request& req, const std::string& id,
                           const std::string& body) const {
  const std::string url = ResourceUrl(ctx_, req, spec_.collection, id);
  Response r = Response::Json(201, WithUrl(url, body));
  r.With("Location", url);
  return r;
}

void Handlers::Create(Request& req, const Responder& respond) const {
  Result<Tenant> tenant = RequireTenant(ctx_, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  Result<rapidjson::Document> input = ParseBody(req);
  if (!input.ok()) return respond(http::Problem(input.status(), req.path));
  Result<rapidjson::Document> fields = Validate(spec_, FieldsOf(*input), Mode::kCreate);
  if (!fields.ok()) return respond(http::Problem(fields.status(), req.path));

  Complete(spec_, *tenant, false, *fields);
  const std::string now = FormatRfc3339(ctx_.clock.Now());
  DocumentMeta meta{NewUuid(), now, now, RegistrarOf(spec_, *fields, ActingOf(req))};
  auto body = std::make_shared<std::string>(Compose(spec_, *fields, meta));
  auto doc = std::make_shared<rapidjson::Document>(std::move(fields).value());
  StoredRecord record{meta.id, tenant->code, now, now, *body};
  Processing processing =
      StartProcessing(ctx_, req, *tenant, Activity("aanmaken"), spec_.subject_kind, meta.id);

  const std::string base = NotificationBase(ctx_, req.base_url);

  // The work may run twice (Rerun::kYes): it only reads what it captured and writes through c.
  ctx_.db.Submit(
      [this, record, doc, processing, base](storage::Connection& c) {
        VC_RETURN_IF_ERROR(store_.CheckReferences(c, record.gemeente, *doc));
        VC_RETURN_IF_ERROR(store_.Insert(c, record, *doc));
        if (spec_.holds_personal_data) VC_RETURN_IF_ERROR(ProcessingLog::Append(c, processing));
        return Publish(ctx_, c, base, {spec_, record.gemeente, record.id, "create", doc.get(), {}});
      },
      [this, respond, req, body, id = meta.id](const Status& status) {
        Answer(respond, req, status, [&] { return Created(req, id, *body); });
      },
      storage::Database::Rerun::kYes);
}

void Handlers::Read(Request& req, const Responder& respond) const {
  Result<Tenant> tenant = RequireTenant(ctx_, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  const std::string& id = req.Param("id");
  if (!IsUuid(id)) {
    return respond(
        http::Problem(Status::NotFound("Deze " + spec_.singular + " bestaat niet."), req.path));
  }

  Result<std::string> body = [&] {
    storage::ReadLease lease = ctx_.db.Read();
    return store_.Find(*lease, tenant->code, id);
  }();
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));

  if (spec_.holds_personal_data) {
    ctx_.processing.Record(
        StartProcessing(ctx_, req, *tenant, Activity("lezen"), spec_.subject_kind, id));
  }
  respond(Response::Json(200, WithUrl(ResourceUrl(ctx_, req, spec_.collection, id), *body)));
}

void Handlers::Update(Request& req, const Responder& respond) const {
  Result<Tenant> tenant = RequireTenant(ctx_, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  const std::string id = req.Param("id");
  if (!IsUuid(id)) {
    return respond(
        http::Problem(Status::NotFound("Deze " + spec_.singular + " bestaat niet."), req.path));
  }
  Result<rapidjson::Document> input = ParseBody(req);
  if (!input.ok()) return respond(http::Problem(input.status(), req.path));
  Result<rapidjson::Document> patch = Validate(spec_, FieldsOf(*input), Mode::kPatch);
  if (!patch.ok()) return respond(http::Problem(patch.status(), req.path));

  auto shared_patch = std::make_shared<rapidjson::Document>(std::move(patch).value());
  auto body = std::make_shared<std::string>();
  const std::string now = FormatRfc3339(ctx_.clock.Now());
  Processing processing =
      StartProcessing(ctx_, req, *tenant, Activity("wijzigen"), spec_.subject_kind, id);
  Tenant t = *tenant;
  const std::string base = NotificationBase(ctx_, req.base_url);

  // May run twice: it reads the stored document anew each time and assigns *body.
  ctx_.db.Submit(
      [this, t, id, now, shared_patch, body, processing, base](storage::Connection& c) -> Status {
        Result<std::string> stored = store_.Find(c, t.code, id);
        if (!stored.ok()) return stored.status();
        Result<rapidjson::Document> old = ParseStored(*stored);
        if (!old.ok()) return old.status();
        if (old->HasMember("geanonimiseerd")) {
          return Status(Code::kConflict,
                        "De persoonsgegevens hiervan zijn gewist; wijzigen kan niet meer.");
        }

        rapidjson::Document merged = Merge(FieldsOf(*old), *shared_patch);
        Result<rapidjson::Document> fields = Validate(spec_, merged, Mode::kCreate);
        if (!fields.ok()) return fields.status();
        const bool new_postcode = shared_patch->HasMember("postcode");
        Complete(spec_, t, new_postcode && !shared_patch->HasMember("wijk"), *fields);

        DocumentMeta meta = MetaOf(*old);
        meta.modified = now;
        *body = Compose(spec_, *fields, meta);
        VC_RETURN_IF_ERROR(store_.CheckReferences(c, t.code, *fields));
        VC_RETURN_IF_ERROR(store_.Update(c, {id, t.code, meta.created, now, *body}, *fields));
        if (spec_.holds_personal_data) VC_RETURN_IF_ERROR(ProcessingLog::Append(c, processing));
        return Publish(ctx_, c, base, {spec_, t.code, id, "update", &*fields, {}});
      },
      [this, respond, req, body, id](const Status& status) {
        Answer(respond, req, status, [&] {
          return Response::Json(200, WithUrl(ResourceUrl(ctx_, req, spec_.collection, id), *body));
        });
      },
      storage::Database::Rerun::kYes);
}

void Handlers::Remove(Request& req, const Responder& respond) const {
  Result<Tenant> tenant = RequireTenant(ctx_, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  const std::string id = req.Param("id");
  if (!IsUuid(id)) {
    return respond(
        http::Problem(Status::NotFound("Deze " + spec_.singular + " bestaat niet."), req.path));
  }

  Processing processing =
      StartProcessing(ctx_, req, *tenant, Activity("verwijderen"), spec_.subject_kind, id);
  const std::string code = tenant->code;
  const std::string base = NotificationBase(ctx_, req.base_url);
  ctx_.db.Submit(
      [this, code, id, processing, base](storage::Connection& c) {
        VC_RETURN_IF_ERROR(store_.Remove(c, code, id));
        if (spec_.holds_personal_data) VC_RETURN_IF_ERROR(ProcessingLog::Append(c, processing));
        return Publish(ctx_, c, base, {spec_, code, id, "destroy", nullptr, {}});
      },
      [respond, req](const Status& status) {
        Answer(respond, req, status, [] { return Response::NoContent(); });
      },
      storage::Database::Rerun::kYes);
}

}  // namespace

Result<ListQuery> ListQueryOf(const ResourceSpec& spec, const Request& req,
                              const PageRequest& page) {
  ListQuery q;
  q.page = page.page;
  q.page_size = page.page_size;
  const bool has_skills = spec.Field("vaardigheden") != nullptr;

  for (const auto& [name, value] : req.query) {
    if (name == "page" || name == "pageSize") continue;
    if (name == "vaardigheid" && has_skills) {
      const auto& skills = Skills();
      if (std::find(skills.begin(), skills.end(), value) == skills.end()) {
        return Status::InvalidField(name, "invalid-filter", "is geen bekende vaardigheid");
      }
      q.skill = value;
      continue;
    }
    const FieldSpec* field = spec.Field(name);
    if (!field || field->column.empty()) {
      return Status::InvalidField(name, "unknown-parameter", "is geen filter van deze lijst");
    }
    Result<ColumnValue> v = FilterValue(*field, value);
    if (!v.ok()) return v.status();
    q.filters.emplace_back(field->column, std::move(v).value());
  }
  return q;
}

void AddResourceRoutes(Context& ctx, const ResourceSpec& spec, http::Server& server) {
  auto h = std::make_shared<Handlers>(ctx, spec);
  const std::string base = ctx.prefix + "/" + spec.collection;
  const std::string item = base + "/{id}";
  server.Add({"GET", base, kScopeRead, [h](Request& r, const Responder& s) { h->List(r, s); }});
  server.Add({"POST", base, kScopeWrite, [h](Request& r, const Responder& s) { h->Create(r, s); }});
  server.Add({"GET", item, kScopeRead, [h](Request& r, const Responder& s) { h->Read(r, s); }});
  server.Add(
      {"PATCH", item, kScopeWrite, [h](Request& r, const Responder& s) { h->Update(r, s); }});
  server.Add(
      {"DELETE", item, kScopeWrite, [h](Request& r, const Responder& s) { h->Remove(r, s); }});
}

}  // namespace vc::registration
