#include "planner/api_generation.hpp"

namespace gg {

std::string_view api_generation_keyword(ApiGeneration generation) {
  switch (generation) {
    case ApiGeneration::drf:
      return "drf";
    case ApiGeneration::ninja:
      return "ninja";
    case ApiGeneration::automatic:
      break;
  }
  return "automatic";
}

ApiGeneration api_generation_from_keyword(std::string_view keyword) {
  if (keyword == "drf") return ApiGeneration::drf;
  if (keyword == "ninja") return ApiGeneration::ninja;
  return ApiGeneration::automatic;
}

std::string api_generation_description(ApiGeneration generation) {
  switch (generation) {
    case ApiGeneration::drf:
      return "the Django REST framework API (GlitchTip up to 4.0.9)";
    case ApiGeneration::ninja:
      return "the django-ninja API (GlitchTip 4.1 or later)";
    case ApiGeneration::automatic:
      break;
  }
  return "an unknown API generation";
}

}  // namespace gg
