import { Injectable } from '@nestjs/common';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type {
  AllocationFilters,
  ProgrammeFilters,
  WorkflowState,
} from '@salur/libs/domain/list-specs';
import type { Page } from '@salur/libs/domain/listing';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import {
  KecamatanAttr,
  ProgramIdAttr,
  SopStepAttr,
  SopStepNoAttr,
  StuckAttr,
  TemporalClientProvider,
  WorkflowTypes,
} from '@salur/libs/temporal';
import { TimelineRepository } from '@salur/libs/persistence/timeline.repository';
import { allocationStatusQuery } from '@salur/libs/temporal/definitions';
import { mustActOn, type MustAct } from '@salur/libs/temporal/timeline-reader';
import {
  EXECUTION_STATUS,
  listWorkflowPage,
  workflowStateOf,
  type VisibilityTerm,
} from '@salur/libs/temporal/workflow-list';

export interface ProgrammeListItem {
  id: string;
  programId: string | null;
  status: WorkflowState | 'continued';
  startedAt: string;
  closedAt: string | null;
}

export interface AllocationListItem extends ProgrammeListItem {
  kecamatanCode: string | null;
  stepNo: number | null;
  step: string | null;
  stuck: boolean;
  /** On a stuck allocation: the users who must act, and since when it waits for them. */
  mustAct?: MustAct;
}

/** A run that continued as new is history: its successor (same workflow id) is the live one. */
const NOT_CONTINUED: VisibilityTerm = {
  attribute: 'ExecutionStatus',
  value: 'ContinuedAsNew',
  not: true,
};

/** How long a list waits for one stuck allocation's status before answering without it. */
const MUST_ACT_QUERY_MS = 2_000;

/**
 * Programmes and allocations, listed from Temporal visibility by their search attributes
 * (see docs/architecture.md, "Lists"): the same view the Web UI filters, eventually
 * consistent by a moment after each transition.
 */
@Injectable()
export class VisibilityListsService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly timelines: TimelineRepository,
  ) {}

  async programmes(query: ScopedListQuery<ProgrammeFilters>): Promise<Page<ProgrammeListItem>> {
    const { status } = query.filters;
    return this.page(
      query,
      [
        { attribute: 'WorkflowType', value: WorkflowTypes.programme },
        status ? { attribute: 'ExecutionStatus', value: EXECUTION_STATUS[status] } : NOT_CONTINUED,
      ],
      summary,
    );
  }

  async allocations(query: ScopedListQuery<AllocationFilters>): Promise<Page<AllocationListItem>> {
    const { status, programme, kecamatan, step, stuck } = query.filters;
    const terms: VisibilityTerm[] = [
      { attribute: 'WorkflowType', value: WorkflowTypes.allocation },
      status ? { attribute: 'ExecutionStatus', value: EXECUTION_STATUS[status] } : NOT_CONTINUED,
    ];
    if (programme !== undefined) terms.push({ attribute: ProgramIdAttr.name, value: programme });
    if (kecamatan !== undefined) terms.push({ attribute: KecamatanAttr.name, value: kecamatan });
    if (step !== undefined) terms.push({ attribute: SopStepAttr.name, value: step });
    if (stuck !== undefined) terms.push({ attribute: StuckAttr.name, value: stuck });
    const page = await this.page(query, terms, (info) => {
      const attributes = info.typedSearchAttributes;
      return {
        ...summary(info),
        kecamatanCode: attributes.get(KecamatanAttr) ?? null,
        stepNo: attributes.get(SopStepNoAttr) ?? null,
        step: attributes.get(SopStepAttr) ?? null,
        stuck: attributes.get(StuckAttr) ?? false,
      };
    });
    return { ...page, items: await Promise.all(page.items.map((item) => this.withMustAct(item))) };
  }

  /**
   * A stuck, running allocation names who must act: its status (a query, so only for the
   * stuck ones an admin is after) and the users of its allowed events' roles in its area.
   */
  private async withMustAct(item: AllocationListItem): Promise<AllocationListItem> {
    if (!item.stuck || item.status !== 'running') return item;
    const client = await this.temporal.get();
    // A query needs a worker: while none runs, the list still answers, without this part.
    const view = await client
      .withDeadline(Date.now() + MUST_ACT_QUERY_MS, () =>
        client.workflow.getHandle(item.id).query(allocationStatusQuery),
      )
      .catch(() => undefined);
    return view ? { ...item, mustAct: await mustActOn(this.timelines, view) } : item;
  }

  private async page<Item>(
    query: ScopedListQuery<object>,
    terms: VisibilityTerm[],
    toItem: (info: WorkflowExecutionInfo) => Item,
  ): Promise<Page<Item>> {
    const page = await listWorkflowPage(await this.temporal.get(), query, terms);
    return { ...page, items: page.items.map(toItem) };
  }
}

function summary(info: WorkflowExecutionInfo): ProgrammeListItem {
  return {
    id: info.workflowId,
    programId: info.typedSearchAttributes.get(ProgramIdAttr) ?? null,
    status: workflowStateOf(info),
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString() ?? null,
  };
}
