const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;

/** Parses "10MB", "512KB", "1048576" into bytes (binary units); undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase() as keyof typeof UNIT_BYTES;
  return Number(match[1]) * UNIT_BYTES[unit];
}

/** "10 MB", "512 KB" or "300 bytes": a limit as people read it. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [
    ['GB', UNIT_BYTES.gb],
    ['MB', UNIT_BYTES.mb],
    ['KB', UNIT_BYTES.kb],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
