/**
 * Signature nonces seen in the last 15 minutes, per access key. A replayed nonce is refused; older ones
 * are forgotten, since a request that old fails the timestamp check anyway.
 */
export const NONCE_TTL_MS = 15 * 60 * 1000;

export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** Records the nonce; false when it was already used within the TTL. */
  remember(accessKeyId: string, nonce: string, now: number): boolean {
    this.prune(now);
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }

  /** Map iteration is insertion order, so the oldest entries come first and pruning stops early. */
  private prune(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < NONCE_TTL_MS) break;
      this.seen.delete(key);
    }
  }
}
