/**
 * The dashboard's two roles. A viewer reads; an operator may also do what changes the CDN. The order
 * matters: every operator is also a viewer. Shared by the server (enforcement) and the header (display).
 */
export const ROLES = ['viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` grants at least what `minimum` does. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
