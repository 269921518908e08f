import type { AllocationProgress } from '../allocation.types';
import type { ProgrammeInput, ProgrammeView } from '../programme.types';
import type { SopEvent } from '../sop';

/** An allocation the programme has not heard from yet. */
function starting(kecamatanCode: string): AllocationProgress {
  return {
    kecamatanCode,
    stepNo: 0,
    step: 'starting',
    phase: 'starting',
    done: false,
    stuck: false,
    allowed: [],
    transitions: 0,
  };
}

/** The programme as its status query shows it: every allocation's last reported progress. */
export function programmeView(
  input: Pick<ProgrammeInput, 'programId' | 'allocations'>,
  progress: ReadonlyMap<string, AllocationProgress>,
  documents: ProgrammeView['documents'],
): ProgrammeView {
  const allocations = input.allocations.map(
    ({ kecamatanCode }) => progress.get(kecamatanCode) ?? starting(kecamatanCode),
  );
  return {
    programId: input.programId,
    allocations,
    completed: allocations.filter((a) => a.done).length,
    documents: { ...documents },
  };
}

/** Keeps an allocation's report unless an older one arrives late (signals may cross). */
export function noteProgress(
  progress: Map<string, AllocationProgress>,
  update: AllocationProgress,
): void {
  const known = progress.get(update.kecamatanCode);
  if (!known || update.transitions >= known.transitions) progress.set(update.kecamatanCode, update);
}

/** Notes the city-wide document a decision every allocation accepted names. */
export function noteDocument(documents: ProgrammeView['documents'], event: SopEvent): void {
  if (event.type === 'SEND_QUOTA_LETTER') documents.quotaLetterNo = event.letterNo;
  if (event.type === 'APPROVE_SK') documents.skNo = event.skNo;
  if (event.type === 'SIGN_SPK') documents.spkNo = event.spkNo;
}

/** What the programme's search attributes say: the step the city waits on, and whether it is late. */
export interface ProgrammeStep {
  readonly step: string;
  readonly stepNo: number;
  readonly stuck: boolean;
}

/**
 * The step of the least advanced allocation still running (a city-wide decision waits for
 * it; the last step once all are done), stuck when any allocation is. Undefined until every
 * allocation has reported, so the Web UI never shows a step some allocation has not reached.
 */
export function programmeStep(view: ProgrammeView): ProgrammeStep | undefined {
  const { allocations } = view;
  if (allocations.length === 0 || allocations.some((a) => a.stepNo === 0)) return undefined;
  const running = allocations.filter((a) => !a.done);
  const [slowest] = [...(running.length > 0 ? running : allocations)].sort((a, b) =>
    running.length > 0 ? a.stepNo - b.stepNo : b.stepNo - a.stepNo,
  );
  return { step: slowest.step, stepNo: slowest.stepNo, stuck: allocations.some((a) => a.stuck) };
}
