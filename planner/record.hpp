#pragma once
// Recording: how apply (and refresh) update the recorded state, purely, as if what a plan
// says had happened. After recording a plan's drift, adoptions and then its actions (with
// GlitchTip's outcomes), the recorded state equals what is live, so planning again against
// it finds nothing to do.
//
// Organizations are found by slug (action.organization_slug, or a child's
// "organization_slug"); an action on an organization created by the same plan whose slug
// was not filled in is found by name. Protected flags come from the definitions, so that a
// protected object stays protected after its definition is removed.

#include "planner/action.hpp"
#include "planner/plan.hpp"
#include "planner/state.hpp"

namespace gg {

// Updates `recorded` for one executed action. `outcome` gives the slug and id GlitchTip
// chose for creates; `desired` gives the protected flags of created organizations and
// projects.
void record_action(State& recorded, const Action& action, const ActionOutcome& outcome,
                   const State& desired);

// The slug of the one recorded organization that record_action(action, outcome) changes (or
// creates, or removes): nothing else in the state changes. Empty when record_action finds it
// by name (an organization created by the same plan whose slug was not filled in).
std::string recorded_organization_slug(const Action& action, const ActionOutcome& outcome);

// Records a declared object found live as managed, with its live values.
void record_adoption(State& recorded, const Adoption& adoption);

// Takes the live values of a drifted object (null live: it is gone).
void record_drift(State& recorded, const Drift& drift);

// Copies the protected flags of declared organizations and projects onto their recorded
// counterparts (matched by slug, or an organization by name), for apply to call once.
void record_protection(State& recorded, const State& desired);

// The protected flags a plan carries, as the part of a desired state that record_action and
// record_protection read, for apply (which has the plan, not the definitions).
State protection_state(const std::vector<Protection>& protection);

}  // namespace gg
