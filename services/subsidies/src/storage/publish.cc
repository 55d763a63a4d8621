#include "storage/publish.h"

#include "vc/notifications/outbox.h"

namespace vc::subsidies {
namespace {

notifications::Message ApplicationMessage(const std::string& api_url, const Application& a,
                                          SchemeKind kind, const std::string& actie,
                                          const std::string& at) {
  notifications::Message m;
  m.kanaal = "aanvragen";
  m.resource = "aanvraag";
  m.resource_url = api_url + "/aanvragen/" + a.id;
  m.hoofd_object = m.resource_url;
  m.actie = actie;
  m.aanmaakdatum = at;
  m.kenmerken = {{"gemeente", a.gemeente},
                 {"regeling", a.scheme_id},
                 {"soort", NameOf(kind)},
                 {"organisatie", a.organisation_id},
                 {"status", NameOf(a.facts.state)}};
  return m;
}

notifications::Message SchemeMessage(const std::string& api_url, const Scheme& scheme,
                                     const std::string& actie, const std::string& at) {
  notifications::Message m;
  m.kanaal = "regelingen";
  m.resource = "regeling";
  m.resource_url = api_url + "/regelingen/" + scheme.id;
  m.hoofd_object = m.resource_url;
  m.actie = actie;
  m.aanmaakdatum = at;
  m.kenmerken = {{"gemeente", scheme.gemeente},
                 {"soort", NameOf(scheme.kind)},
                 {"verdeling", NameOf(scheme.allocation)}};
  return m;
}

}  // namespace

const std::vector<std::string>& Channels() {
  static const std::vector<std::string> kChannels = {"regelingen", "aanvragen"};
  return kChannels;
}

Status PublishScheme(storage::Connection& c, const std::string& api_url, const Scheme& scheme) {
  return notifications::Append(c, SchemeMessage(api_url, scheme, "create", scheme.created_at));
}

Status PublishBooking(storage::Connection& c, const std::string& api_url, const Scheme& scheme,
                      const StepRecord& step) {
  notifications::Message m = SchemeMessage(api_url, scheme, "update", step.at);
  m.kenmerken["stap"] = NameOf(step.action);
  m.kenmerken["aanvraag"] = step.application_id;
  return notifications::Append(c, std::move(m));
}

Status PublishApplication(storage::Connection& c, const std::string& api_url,
                          const Application& application, SchemeKind kind) {
  return notifications::Append(
      c, ApplicationMessage(api_url, application, kind, "create", application.created_at));
}

Status PublishStep(storage::Connection& c, const std::string& api_url, const Application& after,
                   SchemeKind kind, const StepRecord& step) {
  notifications::Message m = ApplicationMessage(api_url, after, kind, "update", step.at);
  m.kenmerken["stap"] = NameOf(step.action);
  return notifications::Append(c, std::move(m));
}

}  // namespace vc::subsidies
