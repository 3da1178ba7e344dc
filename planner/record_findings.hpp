#pragma once
// Recording what a plan found rather than what it does: the protected flags the definitions
// give, drift (GlitchTip changed by hand) and adoptions (declared objects found live). apply
// records them once, before its first action; refresh records them and nothing else. Both
// go through record_findings, so that a refresh and the apply of a refresh-only plan leave
// the same snapshot.

#include "planner/plan.hpp"
#include "planner/state.hpp"

namespace gg {

// Records `protection` (the protected flags, as record_protection takes them), then the
// plan's drift, then its adoptions, into `recorded`.
void record_findings(State& recorded, const Plan& plan, const State& protection);

// Whether the snapshot must be written for the findings before anything else happens: when
// recording them changed `before` into `after`, when the plan has any drift or adoption to
// record (even one that changed nothing, so that a recorded finding is never only in
// memory), or when there is no snapshot yet (the first write gives it its lineage).
bool findings_need_writing(const Plan& plan, const State& before, const State& after,
                           bool snapshot_exists);

}  // namespace gg
