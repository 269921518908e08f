import { Injectable } from '@nestjs/common';
import { timelinePage } from '@salur/libs/domain/timeline';
import type { ListQuery } from '@salur/libs/domain/listing';
import { TimelineRepository } from '@salur/libs/persistence/timeline.repository';
import { TemporalClientProvider } from '@salur/libs/temporal';
import { allocationStatusQuery } from '@salur/libs/temporal/definitions';
import { readTimeline, usersWhoMustAct } from '@salur/libs/temporal/timeline-reader';

/** Timelines for auditors (libs/domain/timeline.ts) and who must act on an allocation now. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly repository: TimelineRepository,
  ) {}

  async page(id: string, query: ListQuery<object>) {
    const client = await this.temporal.get();
    const timeline = await readTimeline(client, this.repository, id, (workflowId) =>
      this.mustAct(workflowId),
    );
    return timelinePage(timeline, query);
  }

  /** The users who may move the allocation on now (its allowed events' roles, in its area). */
  async mustAct(allocationId: string) {
    const client = await this.temporal.get();
    const view = await client.workflow.getHandle(allocationId).query(allocationStatusQuery);
    return usersWhoMustAct(this.repository, view.allowedEvents, view.kecamatanCode);
  }
}
