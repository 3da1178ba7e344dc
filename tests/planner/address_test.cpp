#include "planner/address.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

TEST(Address, RoundTripsEveryKind) {
  const char* texts[] = {
      "glitchtip-dev",
      "glitchtip-dev/NASA",
      "glitchtip-dev/NASA/team/nasa-pilots",
      "glitchtip-dev/NASA/project/apollo-11-spacecraft",
      "glitchtip-dev/NASA/member/neil.armstrong@nasa.com",
      "glitchtip-dev/NASA/team/nasa-pilots/member/neil.armstrong@nasa.com",
      "glitchtip-dev/NASA/project/apollo-11-spacecraft/team/nasa-pilots",
  };
  for (const char* text : texts) {
    const auto address = Address::parse(text);
    ASSERT_TRUE(address.has_value()) << text;
    EXPECT_EQ(address->to_string(), text);
  }
}

TEST(Address, RejectsMalformedText) {
  EXPECT_FALSE(Address::parse("").has_value());
  EXPECT_FALSE(Address::parse("a//b").has_value());
  EXPECT_FALSE(Address::parse("a/b/widget/c").has_value());
  EXPECT_FALSE(Address::parse("a/b/team").has_value());
}

TEST(Address, OrganizationContainsItsObjectsAndNotOthers) {
  const Address nasa = *Address::parse("glitchtip-dev/NASA");
  EXPECT_TRUE(nasa.contains(*Address::parse("glitchtip-dev/NASA/team/nasa-pilots")));
  EXPECT_TRUE(nasa.contains(nasa));
  EXPECT_FALSE(nasa.contains(*Address::parse("glitchtip-dev/ESA/team/esa-pilots")));
  EXPECT_FALSE(nasa.contains(*Address::parse("glitchtip-dev")));
}

TEST(Address, TeamAndMemberContainTheirMemberships) {
  const Address team = *Address::parse("i/NASA/team/nasa-pilots");
  const Address member = *Address::parse("i/NASA/member/neil@nasa.com");
  const Address membership = *Address::parse("i/NASA/team/nasa-pilots/member/neil@nasa.com");
  EXPECT_TRUE(team.contains(membership));
  EXPECT_TRUE(member.contains(membership));
  EXPECT_FALSE(*Address::parse("i/NASA/team/other") == team);
}

}  // namespace
}  // namespace gg
