import { readFileSync } from 'node:fs';

/**
 * CPU time (ms, user + system, every thread) a process has used so far, from /proc; null where there
 * is none (not Linux) or the process is gone. On a machine shared with other work, requests/s swing
 * with what else runs; the CPU a server spends per answer does not, much.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces, inside parentheses): utime is the 12th,
    // stime the 13th, in clock ticks of 10 ms on Linux.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}
