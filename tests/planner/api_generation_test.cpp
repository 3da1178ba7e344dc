// The names of the API generations: the keywords files hold round-trip, and the phrase a
// person reads says which GlitchTip versions each covers.

#include "planner/api_generation.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

TEST(ApiGeneration, KeywordsRoundTrip) {
  for (ApiGeneration generation :
       {ApiGeneration::automatic, ApiGeneration::drf, ApiGeneration::ninja}) {
    EXPECT_EQ(api_generation_from_keyword(api_generation_keyword(generation)), generation);
  }
  EXPECT_EQ(api_generation_keyword(ApiGeneration::drf), "drf");
  EXPECT_EQ(api_generation_keyword(ApiGeneration::ninja), "ninja");
  EXPECT_EQ(api_generation_from_keyword(""), ApiGeneration::automatic);
}

TEST(ApiGeneration, DescriptionsNameTheVersions) {
  EXPECT_EQ(api_generation_description(ApiGeneration::drf),
            "the Django REST framework API (GlitchTip up to 4.0.9)");
  EXPECT_EQ(api_generation_description(ApiGeneration::ninja),
            "the django-ninja API (GlitchTip 4.1 or later)");
}

}  // namespace
}  // namespace gg
