import { redactPii } from './redact-pii';

/**
 * A log record with every NIK or No. KK masked (`redactPii`), wherever it sits: in any string,
 * in a key, or as a number long enough to be one (then written as its masked text).
 */
export function redactLogValue(value: unknown): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (typeof value === 'number') {
    const text = String(value);
    const masked = redactPii(text);
    return masked === text ? value : masked;
  }
  if (Array.isArray(value)) return value.map(redactLogValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [redactPii(key), redactLogValue(field)]),
    );
  }
  return value;
}

/**
 * pino's last step before a line is written (`hooks.streamWrite`): whoever logged what, through
 * whichever serializer, the line that leaves holds no NIK and is still one JSON object. The line
 * is read as JSON rather than masked as text: a NIK split by an escaped separator (`\n`) must be
 * found, and a long number must become a string, not invalid JSON.
 */
export function redactLogLine(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return redactPii(line);
  }
  return `${JSON.stringify(redactLogValue(record))}\n`;
}
