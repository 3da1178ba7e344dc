#!/usr/bin/env bash
# plan.sh: the merge-request plan. Writes plan.json (the plan file) and plan.md (the
# Markdown comment) in the working directory; exits 0 whether or not the plan has changes,
# 1 on an error.
# Environment: GG_DEFINITIONS (default definitions), GG_PLAN_OFFLINE=1 to plan --offline
# (no GlitchTip token in merge-request pipelines), GG_COMMIT (default: the tool reads
# CI_COMMIT_SHA or GITHUB_SHA), GLITCHTIP_GITOPS_SNAPSHOT, the Instance's token variable.
set -euo pipefail
args=(plan -d "${GG_DEFINITIONS:-definitions}" --out plan.json --format markdown
  --detailed-exitcode)
[ "${GG_PLAN_OFFLINE:-0}" != 1 ] || args+=(--offline)
[ -z "${GG_COMMIT:-}" ] || args+=(--commit "$GG_COMMIT")
status=0
glitchtip-gitops "${args[@]}" > plan.md || status=$?
case $status in
  0) echo "No changes." ;;
  2) tail -n 1 < <(glitchtip-gitops show plan.json --no-color) ;;
  *) exit 1 ;;
esac
