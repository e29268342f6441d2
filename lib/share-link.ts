/**
 * "Copy link": the current view as a URL. Pinning turns relative times into the absolute instants
 * they mean right now, so a link pasted into a ticket shows the same tasks tomorrow.
 */
import { serializeFilters, type TaskFilters } from './filters';
import { isoSeconds, isRelativeTime, resolveTime } from './time-range';

function pinTimeWindow(filters: TaskFilters, nowMs: number): TaskFilters {
  const pin = (expression: string) =>
    isRelativeTime(expression) ? isoSeconds(resolveTime(expression, nowMs) ?? nowMs) : expression;
  return { ...filters, from: pin(filters.from), to: pin(filters.to) };
}

export function shareUrl(
  origin: string,
  pathname: string,
  filters: TaskFilters,
  options: { pin: boolean; nowMs: number },
) {
  const shared = options.pin ? pinTimeWindow(filters, options.nowMs) : filters;
  return `${origin}${pathname}${serializeFilters(shared)}`;
}
