/**
 * Seeded, varied task rows for store tests: several ids per submission, every status and type the
 * upstream reports, both spellings of each failure, non-ASCII and LIKE-special characters in paths.
 */
import { mulberry32 } from '@/emulator/prng';
import { domainOfObjectPath, normaliseReason, type Task } from '@/lib/task';
import { isoSeconds } from '@/lib/time-range';

const DOMAINS = ['img.shop.com', 'static.web.com', 'video.cdn.cn', 'dl.app.io'];
const TYPES = ['file', 'directory', 'regex', 'preload', 'block', 'unblock'];
const STATUSES = [
  'Complete',
  'Complete',
  'Complete',
  'Failed',
  'Refreshing',
  'Pending',
  'Timeout',
  'Canceled',
];
const DESCRIPTIONS = [
  'Origin Timeout',
  'OriginTimeout',
  'Internal Error',
  'OriginReturn StatusCode 5XX',
  'Disk full',
];
const DIRECTORIES = ['products/2026', 'products/2025', 'css', '视频/直播', 'a_b%c', ''];

export function randomTasks(count: number, options: { seed: number; endMs: number; spanMs: number }): Task[] {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const tasks: Task[] = [];
  let id = 9_000_000_000;
  while (tasks.length < count) {
    id += 1 + Math.floor(random() * 5);
    const createdMs = options.endMs - Math.floor(random() * options.spanMs);
    const domain = pick(DOMAINS);
    const type = pick(TYPES);
    const urls = type === 'file' || type === 'preload' ? 1 + Math.floor(random() * 4) : 1;
    for (let k = 0; k < urls && tasks.length < count; k += 1) {
      const status = pick(STATUSES);
      const description = status === 'Failed' ? pick(DESCRIPTIONS) : null;
      const directory = pick(DIRECTORIES);
      const objectPath = `https://${domain}/${directory ? `${directory}/` : ''}SKU-${Math.floor(random() * 500)}-${k}.jpg`;
      tasks.push({
        taskId: String(id),
        objectPath,
        objectType: type,
        status,
        progress: status === 'Complete' ? 100 : Math.floor(random() * 10000) / 100,
        createdAt: isoSeconds(createdMs),
        domain: domainOfObjectPath(objectPath),
        description,
        reason: normaliseReason(description),
        // As the store reads a row first seen ended, or still in flight: its end unknown.
        finishedAt: null,
        finishedPrecisionSeconds: null,
      });
    }
  }
  return tasks;
}
