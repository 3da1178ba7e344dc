#include "planner/record_findings.hpp"

#include "planner/record.hpp"

namespace gg {

void record_findings(State& recorded, const Plan& plan, const State& protection) {
  // Protection first. record_protection finds an organization declared without a slug by its
  // recorded name, which an organization's drift replaces with the live one (renamed by hand
  // in GlitchTip): after the drift it would no longer find it, and a flag changed in the
  // same run would be lost. Recording protection first loses nothing either: an adoption
  // carries the declared flag itself, and a project's drift keeps the recorded one.
  record_protection(recorded, protection);
  for (const Drift& drift : plan.drift) record_drift(recorded, drift);
  for (const Adoption& adoption : plan.adoptions) record_adoption(recorded, adoption);
}

bool findings_need_writing(const Plan& plan, const State& before, const State& after,
                           bool snapshot_exists) {
  return !plan.drift.empty() || !plan.adoptions.empty() || before != after || !snapshot_exists;
}

}  // namespace gg
