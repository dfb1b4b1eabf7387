// A console message for the site's developer, once per distinct text: a misconfigured pool fails
// every attempt the same way, and one line says it as well as twenty.
const reported = new Set<string>();

export function reportOnce(level: 'error' | 'warn', text: string, detail?: unknown): void {
  const key = `${level}:${text}:${detail instanceof Error ? detail.message : ''}`;
  if (reported.has(key)) return;
  reported.add(key);
  if (detail === undefined) console[level](text);
  else console[level](text, detail);
}
