// glitchtip-gitops dsn end to end against the emulator, on both API generations: the DSN of
// the declared key in every format (Kubernetes parsed back as YAML), the oldest-key rule, a
// missing project, --out-dir permissions, and no DSN in the log.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include "tests/cli/scenarios.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kApollo =
    "kind: Project\n"
    "name: Apollo 11 Spacecraft\n"
    "organization: NASA\n"
    "platform: python\n"
    "teams: [nasa-pilots, nasa-flight-control]\n";
const char* const kFile = "projects/apollo-11-spacecraft.yaml";

class Dsn : public ::testing::TestWithParam<emulator::Flavour> {};

// The emulator's hex key of apollo-11-spacecraft with this label.
std::string hex_of(CliWorkspace& workspace, const std::string& label) {
  const nlohmann::json dump = workspace.emulator().dump();
  for (const nlohmann::json& organization : dump.at("organizations")) {
    if (organization.at("slug") != "nasa") continue;
    for (const nlohmann::json& project : organization.at("projects")) {
      if (project.at("slug") != "apollo-11-spacecraft") continue;
      for (const nlohmann::json& key : project.at("keys")) {
        if (key.at("label") == label) return key.at("id").get<std::string>();
      }
    }
  }
  return {};
}

// Apollo with keys "" (adopted) and backend (created), delivered to two namespaces.
void with_backend_key(CliWorkspace& workspace, const std::string& dsn_key_line) {
  workspace.write_definition(
      kFile, std::string(kApollo) +
                 "keys:\n"
                 "  - label: \"\"\n"
                 "  - label: backend\n"
                 "dsn:\n" +
                 dsn_key_line + "  kubernetes: {namespaces: [apollo-prod, apollo-stage]}\n");
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "keys.json"}).exit_code, 0);
  ASSERT_EQ(workspace.run({"apply", "keys.json"}).exit_code, 0);
}

const std::string kTarget = "--target";
const std::string kApolloAddress = "glitchtip-dev/NASA/project/apollo-11-spacecraft";

TEST_P(Dsn, EveryFormatCarriesTheDeclaredKeysDsn) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  ASSERT_NO_FATAL_FAILURE(with_backend_key(workspace, "  key: backend\n"));
  const std::string hex = hex_of(workspace, "backend");
  ASSERT_FALSE(hex.empty());

  const CliResult json = workspace.run({"dsn", "-d", "definitions", kTarget, kApolloAddress});
  ASSERT_EQ(json.exit_code, 0) << json.all();
  const nlohmann::json list = nlohmann::json::parse(json.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["organization"], "nasa");
  EXPECT_EQ(list[0]["project"], "apollo-11-spacecraft");
  EXPECT_EQ(list[0]["key"], "backend");
  const std::string dsn = list[0]["dsn"];
  EXPECT_THAT(dsn, HasSubstr(hex + "@"));
  EXPECT_THAT(list[0]["security_endpoint"].get<std::string>(), HasSubstr("glitchtip_key=" + hex));
  EXPECT_THAT(json.err, Not(HasSubstr(hex)));

  const CliResult env =
      workspace.run({"dsn", "-d", "definitions", kTarget, kApolloAddress, "--format", "env"});
  ASSERT_EQ(env.exit_code, 0) << env.all();
  EXPECT_EQ(env.out, "GLITCHTIP_DSN_NASA_APOLLO_11_SPACECRAFT=" + dsn + "\n");

  const CliResult kube = workspace.run(
      {"dsn", "-d", "definitions", kTarget, kApolloAddress, "--format", "kubernetes"});
  ASSERT_EQ(kube.exit_code, 0) << kube.all();
  const std::vector<YAML::Node> secrets = YAML::LoadAll(kube.out);
  ASSERT_EQ(secrets.size(), 2u);
  std::vector<std::string> namespaces;
  for (const YAML::Node& secret : secrets) {
    EXPECT_EQ(secret["apiVersion"].as<std::string>(), "v1");
    EXPECT_EQ(secret["kind"].as<std::string>(), "Secret");
    EXPECT_EQ(secret["type"].as<std::string>(), "Opaque");
    EXPECT_EQ(secret["metadata"]["name"].as<std::string>(), "apollo-11-spacecraft-dsn");
    namespaces.push_back(secret["metadata"]["namespace"].as<std::string>());
    const YAML::Node labels = secret["metadata"]["labels"];
    EXPECT_EQ(labels["app.kubernetes.io/name"].as<std::string>(), "glitchtip-project-dsn");
    EXPECT_EQ(labels["app.kubernetes.io/part-of"].as<std::string>(), "glitchtip");
    EXPECT_EQ(labels["app.kubernetes.io/managed-by"].as<std::string>(), "glitchtip-gitops");
    EXPECT_EQ(secret["stringData"]["dsn"].as<std::string>(), dsn);
    EXPECT_EQ(secret["stringData"]["security_endpoint"].as<std::string>(),
              list[0]["security_endpoint"].get<std::string>());
    EXPECT_EQ(secret["stringData"].size(), 2u);
  }
  EXPECT_EQ(namespaces, (std::vector<std::string>{"apollo-prod", "apollo-stage"}));

  // Plans and snapshots never hold it.
  EXPECT_THAT(workspace.read_file(workspace.snapshot()), Not(HasSubstr(hex)));
  EXPECT_THAT(workspace.read_file(workspace.dir() / "keys.json"), Not(HasSubstr(hex)));
}

TEST_P(Dsn, WithoutDsnKeyTheFirstDeclaredKeyElseTheOldestIsDelivered) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  ASSERT_NO_FATAL_FAILURE(with_backend_key(workspace, ""));
  // The first declared key: "".
  const CliResult first = workspace.run({"dsn", "-d", "definitions", kTarget, kApolloAddress});
  ASSERT_EQ(first.exit_code, 0) << first.all();
  EXPECT_EQ(nlohmann::json::parse(first.out)[0]["key"], "");
  // No keys declared: the oldest key by creation date ("" , made with the project), although
  // GlitchTip lists the newest first.
  workspace.write_definition(kFile, kApollo);
  const CliResult oldest = workspace.run({"dsn", "-d", "definitions", kTarget, kApolloAddress});
  ASSERT_EQ(oldest.exit_code, 0) << oldest.all();
  EXPECT_THAT(nlohmann::json::parse(oldest.out)[0]["dsn"].get<std::string>(),
              HasSubstr(hex_of(workspace, "") + "@"));
}

TEST_P(Dsn, AMissingProjectOrKeyIsAnErrorUnlessSkipped) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  workspace.write_definition("projects/gemini.yaml",
                             "kind: Project\nname: Gemini\norganization: NASA\n"
                             "teams: [nasa-pilots]\n");
  const CliResult missing = workspace.run({"dsn", "-d", "definitions"});
  EXPECT_EQ(missing.exit_code, 1) << missing.all();
  EXPECT_THAT(missing.err, HasSubstr("glitchtip-dev/NASA/project/gemini"));
  EXPECT_THAT(missing.err, HasSubstr("does not exist in GlitchTip yet"));
  EXPECT_EQ(missing.out, "");
  const CliResult skipped = workspace.run({"dsn", "-d", "definitions", "--skip-missing"});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.all();
  EXPECT_THAT(skipped.err, HasSubstr("skipped"));
  EXPECT_THAT(skipped.out, HasSubstr("apollo-11-spacecraft"));
  EXPECT_THAT(skipped.out, Not(HasSubstr("\"gemini\"")));

  workspace.write_definition(kFile, std::string(kApollo) + "dsn: {key: nope}\n");
  const CliResult no_key = workspace.run({"dsn", "-d", "definitions", kTarget, kApolloAddress});
  EXPECT_EQ(no_key.exit_code, 1) << no_key.all();
  EXPECT_THAT(no_key.err, HasSubstr("has no key labelled \"nope\""));
}

TEST_P(Dsn, OutDirWritesOneOwnerOnlyFileAProject) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, GetParam()));
  ASSERT_NO_FATAL_FAILURE(with_backend_key(workspace, "  key: backend\n"));
  const CliResult written =
      workspace.run({"dsn", "-d", "definitions", "--format", "kubernetes", "--out-dir", "secrets"});
  ASSERT_EQ(written.exit_code, 0) << written.all();
  EXPECT_EQ(written.out, "");
  const std::filesystem::path file =
      workspace.dir() / "secrets" / "glitchtip-dev-nasa-apollo-11-spacecraft.yaml";
  ASSERT_TRUE(std::filesystem::exists(file)) << written.all();
  struct stat status {};
  ASSERT_EQ(::stat(file.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  EXPECT_THAT(workspace.read_file(file), HasSubstr(hex_of(workspace, "backend")));
  EXPECT_THAT(written.err, Not(HasSubstr(hex_of(workspace, "backend"))));
  // Projects without namespaces get no Secret file; nothing is left half-written.
  for (const auto& entry : std::filesystem::directory_iterator(workspace.dir() / "secrets")) {
    EXPECT_EQ(entry.path().filename().string().rfind('.', 0), std::string::npos) << entry.path();
  }
}

INSTANTIATE_TEST_SUITE_P(BothGenerations, Dsn,
                         ::testing::Values(emulator::Flavour::drf, emulator::Flavour::ninja),
                         flavour_name);

}  // namespace
}  // namespace gg::testing
