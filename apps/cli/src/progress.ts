import { MultiBar, Presets } from 'cli-progress';

/** One phase of the main job with a known amount of work (rows, kecamatan, documents). */
export interface PhaseProgress {
  advance(amount?: number): void;
  finish(summary?: string): void;
}

export interface Progress {
  /** A new phase; `unit` names what is counted ("rows", "kecamatan"). */
  phase(title: string, total: number, unit: string): PhaseProgress;
  /** A line of narrative between the bars. */
  note(text: string): void;
  stop(): void;
}

/**
 * Bars on a terminal; on anything else (CI logs, tests, a pipe) one line per finished
 * phase, so logs stay readable.
 */
export function createProgress(options: { bars: boolean; log?: (line: string) => void }): Progress {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return options.bars ? barProgress() : lineProgress(log);
}

function lineProgress(log: (line: string) => void): Progress {
  return {
    phase(title, total, unit) {
      let done = 0;
      return {
        advance: (amount = 1) => {
          done += amount;
        },
        finish: (summary) =>
          log(
            `• ${title}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit}` +
              (summary ? ` — ${summary}` : ''),
          ),
      };
    },
    note: (text) => log(`  ${text}`),
    stop: () => undefined,
  };
}

function barProgress(): Progress {
  const bars = new MultiBar(
    {
      format: ' {title} |{bar}| {value}/{total} {unit} {summary}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 30,
    },
    Presets.shades_classic,
  );
  return {
    phase(title, total, unit) {
      const bar = bars.create(total, 0, { title: title.padEnd(34), unit, summary: '' });
      return {
        advance: (amount = 1) => bar.increment(amount),
        finish: (summary) => bar.update({ summary: summary ? `— ${summary}` : '' }),
      };
    },
    note: (text) => bars.log(`${text}\n`),
    stop: () => bars.stop(),
  };
}
