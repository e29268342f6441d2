#!/usr/bin/env bash
# Issue #25, item 4: renames so that each name says what it is (docs/glossary.md names each).
# Mechanical and idempotent: run it from the repository's root after merging a branch that still
# uses the old names, then `npx biome check --write` (import order) and `npx tsc --noEmit`.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

# git mv only when the old file is still there (a second run finds the new one and does nothing).
move() {
  if [ -e "$1" ]; then
    git mv "$1" "$2"
  fi
}

move lib/server/tasks/reads.ts lib/server/tasks/view-reads.ts
move lib/server/auth/request-context.ts lib/server/auth/auth-request-context.ts
move lib/server/auth/logger.ts lib/server/auth/next-auth-logger.ts
move lib/server/store/summary-query.ts lib/server/store/summary-reads.ts
move lib/server/store/triage-query.ts lib/server/store/triage-reads.ts
move lib/server/store/task-filter.ts lib/server/store/task-row-condition.ts
move components/tasks/tasks-explorer.tsx components/tasks/lazy-task-explorer.tsx
move components/tasks/hydrated-tasks-view.tsx components/tasks/hydrated-task-explorer.tsx
move components/tasks/tasks-view.tsx components/tasks/task-explorer.tsx

# Every tracked text file that may name them, this script left out.
mapfile -t files < <(git ls-files -- app components lib emulator scripts bench testing e2e docs messages \
  README.md '*.ts' '*.tsx' '*.mjs' '*.json' '*.md' | sort -u | grep -v '^scripts/rename-25.sh$' |
  grep -E '\.(ts|tsx|mjs|js|json|md)$' | while read -r f; do [ -f "$f" ] && echo "$f"; done)

# Paths in imports, vi.mock() and docs.
sed -i -E \
  -e "s#tasks/reads(['\`\.])#tasks/view-reads\1#g" \
  -e "s#auth/request-context(['\`\.])#auth/auth-request-context\1#g" \
  -e "s#auth/logger(['\`\.])#auth/next-auth-logger\1#g" \
  -e "s#summary-query(['\`\.])#summary-reads\1#g" \
  -e "s#triage-query(['\`\.])#triage-reads\1#g" \
  -e "s#task-filter(['\`\.])#task-row-condition\1#g" \
  -e "s#/tasks-explorer(['\`\.])#/lazy-task-explorer\1#g" \
  -e "s#hydrated-tasks-view(['\`\.])#hydrated-task-explorer\1#g" \
  -e "s#/tasks-view(['\`\.])#/task-explorer\1#g" \
  "${files[@]}"

# Relative imports inside the renamed modules' own folders.
sed -i -E "s#'\./reads'#'./view-reads'#g" lib/server/tasks/*.ts
sed -i -E -e "s#'\./request-context'#'./auth-request-context'#g" -e "s#'\./logger'#'./next-auth-logger'#g" \
  lib/server/auth/*.ts
sed -i -E -e "s#'\./summary-query'#'./summary-reads'#g" -e "s#'\./triage-query'#'./triage-reads'#g" \
  -e "s#'\./task-filter'#'./task-row-condition'#g" lib/server/store/*.ts lib/server/summary/*.ts
sed -i -E -e "s#'\./tasks-explorer'#'./lazy-task-explorer'#g" -e "s#'\./hydrated-tasks-view'#'./hydrated-task-explorer'#g" \
  -e "s#'\./tasks-view'#'./task-explorer'#g" components/tasks/*.ts components/tasks/*.tsx

# Types and functions. The filter keys counted on the filter button have a name of their own first,
# so that "DataFilters" means one thing: the part of the URL's filters that selects data.
sed -i -E 's/\bDataFilters\b/CountedFilters/g' lib/active-filters.ts
sed -i -E \
  -e 's/\bTaskQuery\b/DataFilters/g' \
  -e 's/\btoTaskQuery\b/toDataFilters/g' \
  -e 's/\bQUERY_KEYS\b/DATA_FILTER_KEYS/g' \
  -e 's/\bTaskFilterInput\b/TaskRowCriteria/g' \
  -e 's/\btaskFilter\b/taskRowCondition/g' \
  -e 's/\bTasksExplorer\b/LazyTaskExplorer/g' \
  -e 's/\bHydratedTasksView\b/HydratedTaskExplorer/g' \
  -e 's/\bTasksView\b/TaskExplorer/g' \
  "${files[@]}"

echo "rename-25: done; now run: npx biome check --write . && npx tsc --noEmit"
