// Api handlers for a project's DSN keys: list, create, retrieve, update (PUT) and delete
// (docs/glitchtip-api.md §12.2). DRF names a key by `label` and lets PUT rename it; ninja
// names it by `name`, has a rate limit, and its PUT changes nothing.
#include <regex>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

namespace {

bool dashed_uuid_text(const std::string& text) {
  static const std::regex kUuid(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  return std::regex_match(text, kUuid);
}

json missing_entry(const json& location) {
  return {{"type", "missing"}, {"loc", location}, {"msg", "Field required"}};
}

}  // namespace

ApiResponse Api::list_project_keys(Call& call) {
  // After its organization is gone the list is empty, not 404: GlitchTip filters the keys.
  const Project* project = project_param(call);
  std::vector<Id> indices;
  if (project != nullptr) {
    for (size_t i = project->keys.size(); i-- > 0;) indices.push_back(static_cast<Id>(i));
  }
  const Shapes render = shapes(call);
  return paged(call, indices, [&](Id index) {
    return render.key(*project, project->keys[static_cast<size_t>(index)]);
  });
}

ApiResponse Api::create_project_key(Call& call) {
  Project* project = project_param(call);
  if (project == nullptr) return not_found();
  if (!features_.ninja()) {  // DRF knows `label` only; `name` and `rateLimit` are ignored
    const json* label = body_field(call.body, "label");
    ProjectKey& key =
        world_.add_key(*project, label && label->is_string() ? label->get<std::string>() : "");
    return json_response(201, shapes(call).key(*project, key));
  }
  std::optional<RateLimit> limit;
  if (const json* rate = body_field(call.body, "rateLimit", "rate_limit");
      rate != nullptr && !rate->is_null()) {
    json missing = json::array();
    for (const char* field : {"window", "count"}) {
      const json* value = body_field(*rate, field);
      if (value == nullptr || !value->is_number_integer()) {
        missing.push_back(missing_entry({"body", "payload", "rateLimit", field}));
      }
    }
    if (!missing.empty()) return validation_errors(missing);
    limit = RateLimit{(*rate)["window"].get<int64_t>(), (*rate)["count"].get<int64_t>()};
  }
  const json* name = body_field(call.body, "name");
  ProjectKey& key =
      world_.add_key(*project, name && name->is_string() ? name->get<std::string>() : "");
  key.rate_limit = limit;
  return json_response(201, shapes(call).key(*project, key));
}

ApiResponse Api::get_project_key(Call& call) {
  Project* project = project_param(call);
  const std::string& id = call.params.at(2);
  // ninja's route takes a dashed UUID only; anything else reaches the frontend's catch-all
  // view, which fails on a server without the frontend.
  if (features_.ninja() && !dashed_uuid_text(id)) return server_error();
  const ProjectKey* key = project ? world_.key(*project, id) : nullptr;
  if (key == nullptr) return not_found();
  return json_response(200, shapes(call).key(*project, *key));
}

ApiResponse Api::update_project_key(Call& call) {
  Project* project = project_param(call);
  const std::string& id = call.params.at(2);
  if (features_.ninja() && !dashed_uuid_text(id)) return server_error();
  ProjectKey* key = project ? world_.key(*project, id) : nullptr;
  if (key == nullptr) return not_found();
  if (!features_.ninja()) {  // DRF renames by `label`; ninja's PUT answers 200 and keeps all
    const json* label = body_field(call.body, "label");
    if (label && label->is_string()) key->label = label->get<std::string>();
  }
  return json_response(200, shapes(call).key(*project, *key));
}

ApiResponse Api::delete_project_key(Call& call) {
  Project* project = project_param(call);
  const std::string& id = call.params.at(2);
  if (features_.ninja() && !dashed_uuid_text(id)) return server_error();
  const ProjectKey* key = project ? world_.key(*project, id) : nullptr;
  if (key == nullptr) return not_found();
  world_.delete_key(*project, key->hex);
  return no_content();
}

}  // namespace gg::emulator
