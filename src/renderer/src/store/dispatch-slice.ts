// The dispatcher's actions and what they act on. Every action shows in the
// queue at once, marked pending, and then goes to the services as an
// intent; the services' answer (or the next refetch) replaces the guess.
import type { BulkAssignResult, StreetDeskApi } from '../../../shared/contract';
import type { QueueRow } from '../../../shared/domain';
import { ROSTER_WORK_ROWS } from '../crews/crew-work';
import type { DispatchSlice, SliceCreator } from './app-state';
import { describeError } from './status-slice';

export function createDispatchSlice(
  api: StreetDeskApi,
): SliceCreator<DispatchSlice> {
  return (set, get) => {
    let noticeId = 0;
    let latestExtras = 0;
    let latestWork = 0;

    const notify = (text: string, tone: 'ok' | 'error' = 'ok') =>
      set({ notice: { id: ++noticeId, text, tone } });

    /** Runs an action; a refusal is told to the user, not thrown. */
    const act = async (
      doing: string,
      work: () => Promise<unknown>,
      done: string,
      undo?: () => void,
    ): Promise<boolean> => {
      try {
        await work();
        notify(done);
        return true;
      } catch (error) {
        undo?.();
        notify(describeError(doing, error), 'error');
        return false;
      } finally {
        const id = get().selectedId;
        if (id !== null) void get().loadRequestExtras(id);
      }
    };

    /**
     * The rows as shown now, to put back if the action is refused: all of
     * them, or only those named.
     */
    const snapshotRows = (ids: readonly string[]) => {
      const wanted = new Set(ids);
      const saved: QueueRow[] = [];
      for (const rows of Object.values(get().pages)) {
        for (const row of rows)
          if (wanted.has(row.serviceRequestId)) saved.push(row);
      }
      return (only?: readonly string[]) => {
        const back = only === undefined ? null : new Set(only);
        for (const row of saved) {
          if (back === null || back.has(row.serviceRequestId)) {
            get().patchRows([row.serviceRequestId], row);
          }
        }
      };
    };

    /**
     * One intent per ticked request. The rows change at once; if the call
     * fails they all go back, and those refused one by one go back alone,
     * the rest staying pending.
     */
    const actOnMany = (
      requestIds: string[],
      patch: Partial<QueueRow>,
      doing: string,
      call: () => Promise<{ refused: BulkAssignResult['refused'] }>,
      done: string,
      counted: (made: number) => string,
    ) => {
      const undo = snapshotRows(requestIds);
      get().patchRows(requestIds, { ...patch, pending: true });
      return act(
        doing,
        async () => {
          let refused: BulkAssignResult['refused'];
          try {
            ({ refused } = await call());
          } catch (error) {
            undo();
            throw error;
          }
          if (refused.length > 0) {
            undo(refused.map((r) => r.requestId));
            throw new Error(
              `${counted(requestIds.length - refused.length)}; ` +
                `${refused.length} refused: ` +
                refused.map((r) => `${r.requestId}: ${r.reason}`).join(' '),
            );
          }
          get().clearMarked();
        },
        done,
      );
    };

    const crewName = (crewId: string) =>
      get().crews.find((crew) => crew.crewId === crewId)?.name ?? crewId;

    return {
      crews: [],
      crewAssignments: null,
      crewFocus: null,

      focusCrew(crewId) {
        set({
          crewFocus: { crewId, seq: (get().crewFocus?.seq ?? 0) + 1 },
        });
      },

      syncStatus: null,
      conflicts: [],
      activity: null,
      dispatch: null,
      suggestions: null,
      nearby: null,
      duplicates: null,
      notice: null,
      announce: (text, tone = 'ok') => notify(text, tone),

      patchRows(ids, patch) {
        const wanted = new Set(ids);
        const pages = get().pages;
        let changed = false;
        const next: typeof pages = {};
        for (const [key, rows] of Object.entries(pages)) {
          const hit = rows.some((row) => wanted.has(row.serviceRequestId));
          next[Number(key)] = hit
            ? rows.map((row) =>
                wanted.has(row.serviceRequestId) ? { ...row, ...patch } : row,
              )
            : rows;
          changed ||= hit;
        }
        if (changed) set({ pages: next });
      },

      async loadCrews() {
        try {
          set({ crews: await api.listCrews() });
        } catch (error) {
          get().reportError('load the crews', error);
        }
      },

      async loadCrewAssignments() {
        // Reads overlap while assignments keep coming: the last asked wins.
        const call = ++latestWork;
        try {
          const work = await api.listCrewAssignments({
            limit: ROSTER_WORK_ROWS,
          });
          if (call === latestWork) set({ crewAssignments: work });
        } catch (error) {
          get().reportError("load the crews' assignments", error);
        }
      },

      async loadConflicts() {
        try {
          set({ conflicts: await api.listConflicts() });
        } catch (error) {
          get().reportError('load the conflicts', error);
        }
      },

      setSyncStatus(status) {
        set({ syncStatus: status });
        get().setClockOffset(status.serverClockOffsetMs);
      },

      async loadRequestExtras(id) {
        const call = ++latestExtras;
        if (id === null) {
          set({
            activity: null,
            dispatch: null,
            suggestions: null,
            nearby: null,
            duplicates: null,
          });
          return;
        }
        try {
          const [activity, dispatch, suggestions, nearby, duplicates] =
            await Promise.all([
              api.getRequestActivity(id),
              api.getRequestDispatch(id),
              api.suggestCrews(id),
              api.listNearby(id),
              api.listDuplicateCandidates(id),
            ]);
          if (call !== latestExtras || get().selectedId !== id) return;
          set({ activity, dispatch, suggestions, nearby, duplicates });
        } catch (error) {
          get().reportError(`load the activity of request ${id}`, error);
        }
      },

      assign(requestIds, crewId) {
        const name = crewName(crewId);
        if (requestIds.length !== 1) {
          return actOnMany(
            requestIds,
            { assignedCrewId: crewId, workStatus: 'assigned' },
            `assign ${name}`,
            () => api.assignCrewMany({ requestIds, crewId }),
            `Assigned ${name} to ${requestIds.length} requests; waiting for the server.`,
            (made) => `${made} assigned`,
          );
        }

        const [requestId] = requestIds as [string];
        const undo = snapshotRows(requestIds);
        get().patchRows(requestIds, {
          assignedCrewId: crewId,
          workStatus: 'assigned',
          pending: true,
        });
        return act(
          `assign ${name} to request ${requestId}`,
          () => api.assignCrew({ requestId, crewId }),
          `Assigned ${name} to request ${requestId}; waiting for the server.`,
          undo,
        );
      },

      unassignMany(requestIds) {
        return actOnMany(
          requestIds,
          { assignedCrewId: null, workStatus: 'open' },
          `take the crews off ${requestIds.length} requests`,
          () => api.unassignCrewMany({ requestIds }),
          `Took the crews off ${requestIds.length} requests; waiting for the server.`,
          (made) => `${made} unassigned`,
        );
      },

      async openLink(url) {
        try {
          const answer = await api.openExternal({ url });
          if (answer.opened) return;
          if (answer.openHere !== undefined) {
            // The page's own window.open: absent where no page runs.
            const page = globalThis as {
              open?: (url: string, target: string, features: string) => unknown;
            };
            page.open?.(answer.openHere, '_blank', 'noopener,noreferrer');
            return;
          }
          notify(
            `The link was not opened: ${answer.reason ?? 'no reason given'}`,
            'error',
          );
        } catch (error) {
          notify(describeError('open the link', error), 'error');
        }
      },

      unassign(requestId) {
        const undo = snapshotRows([requestId]);
        get().patchRows([requestId], {
          assignedCrewId: null,
          workStatus: 'open',
          pending: true,
        });
        return act(
          `unassign the crew of request ${requestId}`,
          () => api.unassignCrew({ requestId }),
          `Unassigned the crew of request ${requestId}.`,
          undo,
        );
      },

      setStatus(requestId, status, reason) {
        const undo = snapshotRows([requestId]);
        get().patchRows([requestId], { pending: true });
        const words = status.replace('_', ' ');
        return act(
          `set request ${requestId} to ${words}`,
          () => api.setRequestStatus({ requestId, status, reason }),
          `Request ${requestId} set to ${words}.`,
          undo,
        );
      },

      addNote(requestId, body, visibility) {
        return act(
          `add a note to request ${requestId}`,
          () => api.addNote({ requestId, body, visibility }),
          `Added ${visibility === 'public' ? 'a public' : 'an internal'} note to request ${requestId}.`,
        );
      },

      merge(targetId, duplicateIds, crewId) {
        const undo = snapshotRows([targetId, ...duplicateIds]);
        get().patchRows([targetId, ...duplicateIds], { pending: true });
        const many = duplicateIds.length === 1 ? 'request' : 'requests';
        return act(
          `merge ${duplicateIds.join(', ')} into request ${targetId}`,
          () =>
            api.mergeRequests({
              targetId,
              duplicateIds,
              ...(crewId === undefined ? {} : { crewId }),
            }),
          `Merged ${duplicateIds.length} ${many} into request ${targetId}; ` +
            'their reports are on it.',
          undo,
        );
      },

      unmerge(targetId, duplicateIds) {
        get().patchRows([targetId], { pending: true });
        return act(
          `undo the merge into request ${targetId}`,
          () => api.unmergeRequests({ targetId, duplicateIds }),
          `Undoing the merge: ${duplicateIds.join(', ')} will be open on ` +
            'their own again.',
        );
      },

      async setCrewStatus(crewId, status) {
        const ok = await act(
          `change the status of ${crewName(crewId)}`,
          () => api.setCrewStatus({ crewId, status }),
          `${crewName(crewId)} is now ${status.replace('_', ' ')}.`,
        );
        await get().loadCrews();
        return ok;
      },

      async dismissConflict(seq) {
        try {
          await api.dismissConflict({ seq });
        } catch (error) {
          get().reportError('dismiss the conflict', error);
        }
        await get().loadConflicts();
      },
    };
  };
}
