import {
  adjacencyMapToArray,
  getAdjacencyMap,
  getShortestPaths,
  getSimplePaths,
} from '@xstate/graph';
import { transition } from 'xstate';
import { contextProblems } from './context';
import { EVENT_RULES, SOP_EVENT_TYPES } from '@salur/libs/sop/events';
import type { SopEvent, SopEventType } from '@salur/libs/sop/events';
import { ROLES } from '@salur/libs/sop/roles';
import { applyEvent, startSop } from './sop';
import { sopMachine } from './sop.machine';
import type { SopSnapshot } from './sop.machine';
import {
  KECAMATAN,
  behaviourKey,
  sampleEvents,
  sampleOf,
  senderOf,
  withFreshIds,
} from './sop.fixtures';
import { checkEvent, publicStatus } from './sop-status';
import type { SopStateMeta } from '@salur/libs/sop/steps';

// Model-based tests: the machine is explored with @xstate/graph over a finite sample of events
// (sop.fixtures.ts) and every reachable state is checked against the public API.

// Quota 2 with 3 proposed, so the quota rule always bites and verval has to reject.
const INPUT = { kecamatanCode: KECAMATAN, quota: 2 };
const traversal = { input: INPUT, events: sampleEvents, serializeState: behaviourKey };

// Exploring takes seconds on a loaded machine; the default 5 s per test is too tight.
const EXPLORE_TIMEOUT_MS = 120_000;

/**
 * Built by the first test that needs it, not when the file loads: code run at load belongs to no
 * test, so the mutation run (npm run mutate) would count every rule as "static" and run every
 * spec for every mutant instead of the tests that reach it.
 */
const explored = once(() => {
  const adjacency = getAdjacencyMap(sopMachine, traversal);
  const states: SopSnapshot[] = Object.values(adjacency).map((a) => a.state);
  return { states, keys: states.map(behaviourKey), edges: adjacencyMapToArray(adjacency) };
});

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

const isCompleted = (s: SopSnapshot) => s.status === 'done';

/** Every state node's meta, to compare the explored phases against the machine definition. */
function allMetas(): SopStateMeta[] {
  const metas: SopStateMeta[] = [];
  const visit = (node: typeof sopMachine.root) => {
    if (node.meta !== undefined) metas.push(node.meta);
    Object.values(node.states).forEach(visit);
  };
  visit(sopMachine.root);
  return metas;
}

const unchanged = (before: SopSnapshot, after: SopSnapshot) =>
  JSON.stringify([before.value, before.context]) === JSON.stringify([after.value, after.context]);

describe('the SOP machine explored as a graph', () => {
  it(
    'has a finite space that reaches every phase of every step',
    () => {
      const { states, keys } = explored();
      expect(keys.length).toBeGreaterThan(100);
      const reached = new Set(states.map((s) => publicStatus(s).phase));
      const defined = new Set(allMetas().map((m) => m.phase));
      expect([...reached].sort()).toEqual([...defined].sort());
      const steps = new Set(states.map((s) => publicStatus(s).stepNo));
      expect([...steps].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    },
    EXPLORE_TIMEOUT_MS,
  );

  it(
    'keeps the context invariants in every reachable state',
    () => {
      const { states } = explored();
      for (const state of states) expect(contextProblems(state.context)).toEqual([]);
    },
    EXPLORE_TIMEOUT_MS,
  );

  it(
    'can reach completed from every reachable state, and completed is the only dead end',
    () => {
      const { states, keys, edges } = explored();
      const forward = new Map<string, string[]>(keys.map((k) => [k, []]));
      for (const { state, nextState } of edges) {
        const [from, to] = [behaviourKey(state), behaviourKey(nextState)];
        if (from !== to) forward.get(from)?.push(to);
      }
      const completed = new Set(states.filter(isCompleted).map(behaviourKey));
      const canFinish = new Set(completed);
      expect(canFinish.size).toBeGreaterThan(0);
      for (let grew = true; grew;) {
        grew = false;
        for (const key of keys) {
          if (!canFinish.has(key) && (forward.get(key) ?? []).some((k) => canFinish.has(k))) {
            canFinish.add(key);
            grew = true;
          }
        }
      }
      const stuck = keys.filter((k) => !canFinish.has(k));
      expect(stuck).toEqual([]);
      const deadEnds = keys.filter((k) => (forward.get(k) ?? []).length === 0);
      expect(deadEnds.length).toBeGreaterThan(0);
      expect(deadEnds.filter((k) => !completed.has(k))).toEqual([]);
    },
    EXPLORE_TIMEOUT_MS,
  );

  it(
    'replays the shortest path to every state through the public API',
    () => {
      const { keys } = explored();
      const paths = getShortestPaths(sopMachine, traversal);
      expect(paths.length).toBe(keys.length);
      for (const path of paths) {
        let snapshot = startSop(INPUT);
        // steps[0] is the synthetic xstate.init step added by @xstate/graph.
        for (const [i, step] of path.steps.slice(1).entries()) {
          const event = withFreshIds(step.event, i);
          const before = publicStatus(snapshot).stepNo;
          expect(checkEvent(snapshot, event, senderOf(event.type))).toEqual({ ok: true });
          snapshot = applyEvent(snapshot, event);
          const after = publicStatus(snapshot).stepNo;
          // The only way back across steps is a failed inspection returning to packing.
          if (after < before) expect([event.type, before, after]).toEqual(['INSPECT', 11, 8]);
          else expect(after - before).toBeLessThanOrEqual(1);
        }
        expect(behaviourKey(snapshot)).toBe(behaviourKey(path.state));
      }
    },
    EXPLORE_TIMEOUT_MS,
  );

  it(
    'refuses every event the state does not list, naming the step and what is allowed',
    () => {
      const { states } = explored();
      // Problems are collected and asserted once: ~30k verdicts are too many for one expect each.
      const problems: string[] = [];
      let verdicts = 0;
      for (const state of states) {
        const status = publicStatus(state);
        const allowed = status.allowedEvents.map((e) => e.type);
        const mentions = [`step ${status.stepNo}`, status.step, ...allowed];
        for (const type of SOP_EVENT_TYPES.filter((t) => !allowed.includes(t))) {
          const event = sampleOf(type);
          for (const role of ROLES) {
            const verdict = checkEvent(state, event, role);
            verdicts += 1;
            const where = `${type} by ${role} in ${status.phase}`;
            if (verdict.ok) problems.push(`${where}: accepted`);
            else if (verdict.code !== 'EVENT_NOT_ALLOWED')
              problems.push(`${where}: ${verdict.code}`);
            else if (!mentions.every((m) => verdict.reason.includes(m))) {
              problems.push(
                `${where}: reason "${verdict.reason}" lacks the step or allowed events`,
              );
            } else if (JSON.stringify(verdict.allowed) !== JSON.stringify(status.allowedEvents)) {
              problems.push(`${where}: allowed list differs from the status`);
            } else if (verdict.step.stepNo !== status.stepNo) {
              problems.push(`${where}: wrong step`);
            }
          }
          // The machine agrees: the event is simply not handled here.
          if (!unchanged(state, transition(sopMachine, state, event)[0])) {
            problems.push(`${type} changed the machine in ${status.phase}`);
          }
        }
      }
      expect(verdicts).toBeGreaterThan(states.length * 13 * 20);
      expect(problems).toEqual([]);
    },
    EXPLORE_TIMEOUT_MS,
  );

  it(
    'refuses every allowed event from every role not listed for it',
    () => {
      const { states } = explored();
      for (const state of states) {
        for (const allowed of publicStatus(state).allowedEvents) {
          const event = sampleOf(allowed.type);
          for (const role of ROLES.filter((r) => !allowed.roles.includes(r))) {
            const verdict = checkEvent(state, event, role);
            expect(verdict).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
          }
          expect(allowed.roles).not.toContain('auditor');
          expect(allowed.roles).not.toContain('system_admin');
          expect(allowed.cityWide).toBe(EVENT_RULES[allowed.type].cityWide);
          if (allowed.cityWide) expect(allowed.roles).toEqual(['programme']);
        }
      }
    },
    EXPLORE_TIMEOUT_MS,
  );

  it(
    'agrees with the machine on every sampled event: checkEvent ok exactly when it moves',
    () => {
      const { states } = explored();
      const refusedTypes = new Set<SopEventType>();
      for (const state of states) {
        for (const event of sampleEvents(state)) {
          const verdict = checkEvent(state, event, senderOf(event.type));
          const enabled = sopMachine.getTransitionData(state, event).length > 0;
          const [next] = transition(sopMachine, state, event);
          if (verdict.ok) {
            expect(enabled).toBe(true);
            expect(unchanged(state, next)).toBe(false);
            expect(() => applyEvent(state, event)).not.toThrow();
          } else {
            expect(verdict.code).toBe('GUARD_FAILED');
            expect(verdict.reason.length).toBeGreaterThan(10);
            expect(enabled).toBe(false);
            expect(unchanged(state, next)).toBe(true);
            expect(() => applyEvent(state, event)).toThrow(verdict.reason);
            refusedTypes.add(event.type);
          }
        }
      }
      // The samples reach both sides of every rule the SOP has.
      const ruled: SopEventType[] = [
        'SUBMIT_REQUEST_LETTER',
        'SUBMIT_PROPOSALS',
        'VERVAL_COMPLETED',
        'RESUBMIT_CORRECTIONS',
        'PRINT_BAST_BNBA',
        'REPORT_PACKING',
        'DECLARE_PACKED',
        'INSPECT',
        'HAND_OVER',
        'SCHEDULE_DELIVERY',
        'RESCHEDULE_DELIVERY',
        'RECORD_DISTRIBUTION',
        'RECORD_COMPLAINT',
        'RESOLVE_COMPLAINT',
        'SIGN_OFF_MONEV',
        'RECORD_SIGNED_BAST',
        'COMPLETE_COLLECTION',
      ];
      expect([...refusedTypes].sort()).toEqual([...ruled].sort());
    },
    EXPLORE_TIMEOUT_MS,
  );

  it('lists in each state meta exactly the events the state handles', () => {
    const check = (node: typeof sopMachine.root) => {
      const handled = [...node.ownEvents].sort();
      if (node.type === 'atomic' || node.type === 'final') {
        const meta: SopStateMeta | undefined = node.meta;
        expect(meta?.events.map((e) => e.type).sort()).toEqual(handled);
      } else {
        // Compound states carry no meta and handle nothing, so the atomic meta is the whole story.
        expect(node.meta).toBeUndefined();
        expect(handled).toEqual([]);
      }
      Object.values(node.states).forEach(check);
    };
    check(sopMachine.root);
  });
});

describe('every simple path of legal events', () => {
  // A smaller allocation keeps the number of simple paths tractable while still taking each
  // way back: verval rejection and withdrawal, SK rejection, failed inspection, discrepancy.
  const small = { kecamatanCode: KECAMATAN, quota: 1 };
  const twoKelurahan = (snapshot: SopSnapshot): SopEvent[] =>
    sampleEvents(snapshot).flatMap((event): SopEvent[] => {
      if (event.type === 'SUBMIT_PROPOSALS') return [{ ...event, proposedCount: 2 }];
      if (event.type === 'PRINT_BAST_BNBA')
        return [{ ...event, kelurahanCodes: event.kelurahanCodes.slice(0, 2) }];
      // One complaint is enough to block and unblock the monev sign-off.
      if (event.type === 'RECORD_COMPLAINT' && snapshot.context.complaints.length > 0) return [];
      return [event];
    });

  it(
    'are many, and each ends in completed at step 17 with the 17 steps in order',
    () => {
      const paths = getSimplePaths(sopMachine, {
        input: small,
        events: twoKelurahan,
        serializeState: behaviourKey,
        toState: (s) => s.status === 'done',
      });
      expect(paths.length).toBeGreaterThan(100);
      for (const path of paths) {
        let snapshot = startSop(small);
        const seen = [publicStatus(snapshot).stepNo];
        for (const [i, step] of path.steps.slice(1).entries()) {
          snapshot = applyEvent(snapshot, withFreshIds(step.event, i));
          seen.push(publicStatus(snapshot).stepNo);
        }
        const status = publicStatus(snapshot);
        expect(status).toMatchObject({ stepNo: 17, phase: 'completed', done: true });
        expect(status.allowedEvents).toEqual([]);
        // Steps never skip: each first visit to a step comes straight after the step before.
        const firstVisits = seen.filter((n, i) => seen.indexOf(n) === i);
        expect(firstVisits).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
      }
    },
    EXPLORE_TIMEOUT_MS,
  );
});
