#pragma once
// The JSON shape of one managed object as drift items and adoptions carry it, and back.
// Every shape holds "kind", the identity, the ids and every managed field, so that
// record_adoption and record_drift can rebuild the object from it alone. Children carry
// "organization_slug", the slug of the organization they live in, so they can be placed
// without the organization's (possibly renamed) name. Adoptions add "protected" to
// organizations and projects: the flag as declared, so that the snapshot keeps protecting an
// object after its definition is removed.
//
// Each kind owns its shape (`project_json`/`project_from_json`, ...) in planner/kinds/;
// this header brings them all in.

#include "planner/kinds/kinds.hpp"
