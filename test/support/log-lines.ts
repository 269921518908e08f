import type { TestingModuleBuilder } from '@nestjs/testing';
import { LOG_DESTINATION } from '@salur/libs/logging';

/** The app's log lines, each parsed, land in `lines` instead of on stdout. */
export function captureLogLines(
  builder: TestingModuleBuilder,
  lines: Record<string, unknown>[],
): TestingModuleBuilder {
  return builder.overrideProvider(LOG_DESTINATION).useValue({
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
}
