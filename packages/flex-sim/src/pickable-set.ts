/**
 * A keyed set with O(1) add, delete and random pick (swap-remove), so picking one of thousands of open
 * option positions per decision stays cheap. Order is deterministic for a given sequence of operations.
 */
export class PickableSet<T> {
  private readonly items: T[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  set(key: string, item: T): void {
    const at = this.index.get(key);
    if (at !== undefined) this.items[at] = item;
    else {
      this.index.set(key, this.items.length);
      this.items.push(item);
    }
  }

  delete(key: string, keyOf: (item: T) => string): void {
    const at = this.index.get(key);
    if (at === undefined) return;
    const last = this.items.pop() as T;
    this.index.delete(key);
    if (at < this.items.length) {
      this.items[at] = last;
      this.index.set(keyOf(last), at);
    }
  }

  /** The item at a uniform position `fraction` ∈ [0, 1). */
  pick(fraction: number): T | undefined {
    return this.items[Math.floor(fraction * this.items.length)];
  }

  values(): readonly T[] {
    return this.items;
  }
}
