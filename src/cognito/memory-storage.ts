// The 'memory' storage option: tokens live only as long as the page. Kept on globalThis so two
// copies of the bundle on one page (a drop-in script included twice) see the same session.

/** A Storage-shaped map (getItem, setItem, removeItem as token-storage.ts uses them, plus `length`/`key`). */
export class MemoryStorage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }
}

const memoryKey = Symbol.for('cognito-auth-elements.memory-storage');

/** The page-wide in-memory storage. */
export function memoryStorage(): MemoryStorage {
  const global = globalThis as { [memoryKey]?: MemoryStorage };
  return (global[memoryKey] ??= new MemoryStorage());
}
