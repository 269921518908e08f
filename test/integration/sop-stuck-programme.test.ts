import { defaultPayloadConverter } from '@temporalio/common';
import { StuckAttr } from '@salur/libs/temporal';
import { eventually, SopDriver } from '../support/sop-driver';
import { useSopHarness } from '../support/sop-harness';

/**
 * A programme of three kecamatan: one lets its step overrun and is flagged stuck, so an
 * admin finds it with `Stuck = true` in the Web UI, while the other two go on.
 */
describe('a stuck allocation in a programme of three', () => {
  // The request letter has 10 s in this test; every other step keeps the hour-long default.
  // The on-time kecamatan send their letters at once when the quota letter is out: one command
  // each is all that must fit in the 10 s, however slow the rest of the setup on a busy machine.
  const h = useSopHarness({ slaByStepMs: { 'request-letter': 10_000 }, deliveryGraceMs: 1_000 });

  /** Whether the allocation's history ever set Stuck = true (the Web UI lists each change). */
  async function everFlagged(kecamatanCode: string): Promise<boolean> {
    const history = await h.sop.client.workflow
      .getHandle(h.sop.allocationId(kecamatanCode))
      .fetchHistory();
    return (history.events ?? []).some((event) => {
      const stuck =
        event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[
          StuckAttr.name
        ];
      return stuck !== undefined && defaultPayloadConverter.fromPayload(stuck) === true;
    });
  }

  it('flags only the late kecamatan, visibly, and clears the flag when it acts', async () => {
    const [late, a, b] = ['33.74.04', '33.74.05', '33.74.06'];
    await h.sop.startProgramme([late, a, b].map((kecamatanCode) => ({ kecamatanCode, quota: 3 })));
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-2021-07' });
    await Promise.all([a, b].map((k) => h.sop.submitRequestLetter(k)));
    await h.sop.submitProposals(a, 3);
    await h.sop.submitProposals(b, 3);

    const stuckIds = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of h.sop.client.workflow.list({
        query: `ProgramId = '${h.sop.programId}' AND Stuck = true`,
      })) {
        ids.push(wf.workflowId);
      }
      // The programme is stuck while any of its allocations is (it waits for it).
      if (ids.length < 2) throw new Error('the stuck allocation and its programme not visible yet');
      return ids;
    });
    expect(stuckIds.sort()).toEqual([h.sop.allocationId(late), h.sop.programmeId].sort());

    const lateView = await h.sop.status(late);
    expect(lateView).toMatchObject({ stuck: true, step: 'request-letter' });
    expect(lateView.stuckReason).toMatch(/SLA/);
    expect((await h.sop.status(a)).stuck).toBe(false);
    expect((await h.sop.status(a)).step).toBe('verval');
    // On time, the other two were never flagged, not even for a moment.
    expect(await everFlagged(late)).toBe(true);
    expect(await everFlagged(a)).toBe(false);
    expect(await everFlagged(b)).toBe(false);
    // The programme hears of it by a signal, so it may lag the allocation by a moment.
    await eventually(async () => {
      const programme = await h.sop.programme();
      expect(programme.allocations.find((x) => x.kecamatanCode === late)?.stuck).toBe(true);
    });

    // The Web UI shows who must act and since when.
    const description = await h.sop.client.workflow.getHandle(h.sop.allocationId(late)).describe();
    expect(description.typedSearchAttributes.get(StuckAttr)).toBe(true);

    // Once the kecamatan acts, the flag clears and the others were never held back.
    await h.sop.act(late, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', {
      letterNo: '460/late/2021',
      letterDate: '2021-07-15',
      acknowledgedByCamat: true,
    });
    const moved = await h.sop.status(late);
    expect(moved).toMatchObject({ stuck: false, step: 'proposal-input' });
    await h.sop.act(a, 'RUN_VERVAL', 'tim_data');
    expect((await h.sop.status(a)).step).toBe('sk');

    // The SK is city-wide: while two kecamatan are behind, drafting it is refused, naming them,
    // and the kecamatan that is ready is not moved on alone.
    const refusal = await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-1' }).then(
      () => 'applied',
      (error: unknown) => String((error as { cause?: { message?: unknown } }).cause?.message),
    );
    expect(refusal).toContain('DRAFT_SK is city-wide and waits for every kecamatan; not ready:');
    expect(refusal).toContain(late);
    expect(refusal).toContain(b);
    expect(refusal).not.toContain(a);
    const ready = await h.sop.status(a);
    expect(ready.step).toBe('sk');
    expect(ready.allowedEvents.map((e) => e.type)).toContain('DRAFT_SK');
  });

  it('flags a delivery not confirmed after its day plus the grace period, and clears it on reschedule', async () => {
    const kec = '33.74.07';
    const fresh = await SopDriver.connect(h.config, h.dataSource);
    try {
      await fresh.startProgramme([{ kecamatanCode: kec, quota: 2 }]);
      await fresh.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-delivery' });
      await fresh.propose(kec, 2);
      await fresh.act(kec, 'RUN_VERVAL', 'tim_data');
      await fresh.city('DRAFT_SK', 'tim_data', { skDraftId: 'DRAFT-delivery' });
      await fresh.city('APPROVE_SK', 'sk_approver', { skNo: 'SK-delivery' });
      await fresh.act(kec, 'PRINT_BAST_BNBA', 'tim_data');
      await fresh.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-delivery', vendorId: 'v-1' });
      await fresh.packAndInspect(kec);

      // A day long gone: the durable timer fires at once and the allocation is stuck.
      await fresh.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2021-07-25' });
      const late = await eventually(async () => {
        const view = await fresh.status(kec);
        if (!view.stuck) throw new Error('not flagged yet');
        return view;
      });
      expect(late.stuckReason).toMatch(/delivery scheduled for 2021-07-25 not confirmed/);

      // Rescheduled to a day ahead: the flag clears and the timer waits for the new day.
      const moved = await fresh.act(kec, 'RESCHEDULE_DELIVERY', 'tim_distribusi', {
        deliveryDate: '2031-07-25',
      });
      expect(moved).toMatchObject({ stuck: false, step: 'delivery', deliveryDate: '2031-07-25' });
      const confirmed = await fresh.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', {
        deliveredCount: 2,
      });
      expect(confirmed).toMatchObject({ step: 'distribution', stuck: false });
    } finally {
      await fresh.close();
    }
  });
});
