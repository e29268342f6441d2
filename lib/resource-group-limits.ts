/**
 * How many resource groups the dashboard does not know yet one person may have looked up per hour
 * (docs/sync.md, "Resource groups"): the store enforces it, the task view names it when reached.
 */
export const NEW_GROUPS_PER_USER_PER_HOUR = 5;
