/** What each failure reason likely means and what an operator should check, shown beside the raw text. */
import { FAILURE_REASON_LABELS, type FailureReason } from './task';

interface FailureGuide {
  title: string;
  meaning: string;
  checks: string[];
}

export const FAILURE_GUIDE: Record<FailureReason, FailureGuide> = {
  'origin-timeout': {
    title: FAILURE_REASON_LABELS['origin-timeout'],
    meaning:
      'CDN nodes asked the origin for the object and gave up waiting. The refresh or prefetch could not fetch a fresh copy.',
    checks: [
      'Is the origin reachable from the internet right now (DNS, load balancer, health checks)?',
      'Is the origin’s bandwidth or connection limit saturated, e.g. by a prefetch of many objects at once?',
      'Are the objects large (video, archives)? Large objects need longer origin timeouts or range requests.',
      'Do TTL and Cache-Control headers force constant revalidation against the origin?',
      'Does the origin’s firewall or security group allow the CDN nodes’ back-to-origin addresses?',
    ],
  },
  'origin-5xx': {
    title: FAILURE_REASON_LABELS['origin-5xx'],
    meaning:
      'The origin answered, but with a server error (500–599), so the CDN could not cache a good copy.',
    checks: [
      'Read the origin’s error logs for the object path at the task’s time.',
      'Is the origin overloaded or in a deployment?',
      'Does the path exist and is it served without authentication the CDN lacks?',
    ],
  },
  'internal-error': {
    title: FAILURE_REASON_LABELS['internal-error'],
    meaning: 'Alibaba Cloud CDN failed the task on its side; the origin is usually not at fault.',
    checks: [
      'Submit the task again; internal errors are usually transient.',
      'If it repeats for the same objects, open a ticket with Alibaba Cloud quoting the task id.',
    ],
  },
  other: {
    title: FAILURE_REASON_LABELS.other,
    meaning:
      'The upstream gave a failure description this dashboard does not know yet; the raw text is shown as is.',
    checks: ['Search Alibaba Cloud’s CDN documentation for the raw description.'],
  },
};
