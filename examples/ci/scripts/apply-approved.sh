#!/usr/bin/env bash
# apply-approved.sh APPROVED_SHA256: on the default branch after a merge, plans again from
# the merged definitions and applies only when the new plan is the approved one
# (apply --expect): the same definitions on the same snapshot and GlitchTip give the same
# plan_sha256 whatever commit they were planned at. A plan without changes needs no approval;
# a plan with changes and no approved digest, or another digest, is refused (exit 1).
# Environment: as plan.sh (GG_PLAN_OFFLINE=1 when the merge requests plan --offline: the
# approved plan is then an offline plan too, and apply checks it against GlitchTip first).
set -euo pipefail
approved=${1:-}
args=(plan -d "${GG_DEFINITIONS:-definitions}" --out plan.json --detailed-exitcode)
[ "${GG_PLAN_OFFLINE:-0}" != 1 ] || args+=(--offline)
status=0
glitchtip-gitops "${args[@]}" || status=$?
case $status in
  0) echo "No changes to apply."; exit 0 ;;
  2) ;;
  *) exit 1 ;;
esac
if [ -z "$approved" ]; then
  echo "error: the definitions change GlitchTip, but no merge request approved a plan for this commit" >&2
  echo "  hint: change the definitions through a merge request, whose pipeline posts the plan" >&2
  exit 1
fi
# -d: apply reads the webhook URLs of the alerts it sends from the definitions.
glitchtip-gitops apply plan.json -d "${GG_DEFINITIONS:-definitions}" --expect "$approved"
