#pragma once
// The space agencies (docs/design.md §9) as a snapshot records them after the first apply.

#include "planner/state.hpp"

namespace gg::testing {

inline State space_agencies_state() {
  Organization nasa;
  nasa.name = "NASA";
  nasa.slug = "nasa";
  nasa.id = "1";
  nasa.teams["nasa-pilots"] =
      Team{"nasa-pilots", "3", {"buzzaldrin@nasa.com", "neilarmstrong@nasa.com"}};
  nasa.teams["nasa-flight-control"] = Team{
      "nasa-flight-control", "4", {"globalflightdirector@nasa.com", "michaelcollins@nasa.com"}};
  nasa.projects["apollo-11-spacecraft"] = Project{"apollo-11-spacecraft",
                                                  "5",
                                                  "Apollo 11 Spacecraft",
                                                  "python",
                                                  0,
                                                  {"nasa-flight-control", "nasa-pilots"},
                                                  false};
  nasa.projects["apollo-11-flight-control"] =
      Project{"apollo-11-flight-control", "6",  "Apollo 11 Flight Control", "python", 25,
              {"nasa-flight-control"},    false};
  nasa.members["buzzaldrin@nasa.com"] = Member{"buzzaldrin@nasa.com", Role::member, true, "8"};
  nasa.members["globalflightdirector@nasa.com"] =
      Member{"globalflightdirector@nasa.com", Role::owner, true, "9"};
  nasa.members["michaelcollins@nasa.com"] =
      Member{"michaelcollins@nasa.com", Role::member, false, "10"};
  nasa.members["neilarmstrong@nasa.com"] =
      Member{"neilarmstrong@nasa.com", Role::member, false, "7"};

  Organization esa;
  esa.name = "ESA";
  esa.slug = "esa";
  esa.id = "2";
  esa.teams["esa-pilots"] = Team{"esa-pilots", "11", {"samanthacristoforetti@nasa.com"}};
  esa.projects["rosetta-spacecraft"] =
      Project{"rosetta-spacecraft", "12", "Rosetta Spacecraft", "", 0, {"esa-pilots"}, false};
  esa.members["samanthacristoforetti@nasa.com"] =
      Member{"samanthacristoforetti@nasa.com", Role::admin, false, "13"};

  Instance instance;
  instance.name = "glitchtip-dev";
  instance.organizations["nasa"] = nasa;
  instance.organizations["esa"] = esa;
  Instance empty;
  empty.name = "glitchtip-prod";
  State state;
  state.instances["glitchtip-dev"] = instance;
  state.instances["glitchtip-prod"] = empty;
  return state;
}

}  // namespace gg::testing
