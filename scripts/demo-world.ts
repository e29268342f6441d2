/**
 * Demo mode keeps one emulated world across restarts: the emulator's data set is a pure function of
 * (seed, tasks, start instant), so reusing the start instant gives back the same tasks, moved on in
 * time, and the store under DATA_DIR stays consistent with it (a restart resumes the sync instead of
 * mixing two worlds). A world older than two days, or with another seed or size, starts over, and
 * so does the store that mirrored it. In-memory stores (`DATA_DIR=memory://`) always start fresh.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const WORLD_LIFETIME_MS = 2 * 24 * 60 * 60 * 1000;

/** What the emulator's data set is a function of, besides its start instant. */
export interface WorldShape {
  seed: number;
  tasks: number;
  extendedKinds: boolean;
}

interface DemoWorld extends WorldShape {
  startInstant: number;
}

export function demoWorld(
  dataDir: string,
  wanted: WorldShape,
  nowMs: number,
): { startInstant: number; reused: boolean } {
  if (dataDir.startsWith('memory://')) return { startInstant: nowMs, reused: false };
  const file = path.resolve(dataDir, 'demo-world.json');
  const previous = readWorld(file);
  if (
    previous &&
    previous.seed === wanted.seed &&
    previous.tasks === wanted.tasks &&
    previous.extendedKinds === wanted.extendedKinds &&
    nowMs - previous.startInstant < WORLD_LIFETIME_MS
  ) {
    return { startInstant: previous.startInstant, reused: true };
  }
  // A new world: the old store mirrors tasks that no longer exist anywhere.
  rmSync(path.resolve(dataDir, 'store'), { recursive: true, force: true });
  mkdirSync(path.resolve(dataDir), { recursive: true });
  const world: DemoWorld = { ...wanted, startInstant: nowMs };
  writeFileSync(file, `${JSON.stringify(world, null, 2)}\n`);
  return { startInstant: nowMs, reused: false };
}

function readWorld(file: string): DemoWorld | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoWorld>;
    if (
      typeof parsed.seed === 'number' &&
      typeof parsed.tasks === 'number' &&
      typeof parsed.extendedKinds === 'boolean' &&
      typeof parsed.startInstant === 'number'
    )
      return parsed as DemoWorld;
  } catch {
    // A damaged file: start a new world.
  }
  return null;
}
