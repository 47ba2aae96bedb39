// The supervisor's view of likely duplicates: groups of open requests that
// are probably one problem, strongest first. Pick the request to keep and
// merge the rest into it in one step.
import { useEffect, useState } from 'react';

import type { DuplicateGroup } from '../../../shared/contract';
import { formatDuration } from '../queue/time-format';
import { useAppStore } from '../store/use-app-store';

/** Groups shown before "show more". */
const FIRST_GROUPS = 20;

function GroupCard(props: { group: DuplicateGroup; supervisor: boolean }) {
  const { group, supervisor } = props;
  const now = useAppStore((state) => state.now);
  const selectRequest = useAppStore((state) => state.selectRequest);
  const merge = useAppStore((state) => state.merge);
  const [target, setTarget] = useState(group.suggestedTargetId);
  const others = group.members
    .map((member) => member.serviceRequestId)
    .filter((id) => id !== target);
  const name = `group-${group.suggestedTargetId}`;

  return (
    <li className="duplicate-group" data-testid="duplicate-group">
      <p className="duplicate-group-why">
        {Math.round(group.strength * 100)}% alike: {group.reasons.join(', ')}
      </p>
      <fieldset>
        <legend className="visually-hidden">Request to keep</legend>
        {group.members.map((member) => {
          const id = member.serviceRequestId;
          return (
            <div
              key={id}
              className="duplicate-member"
              data-testid="duplicate-member"
              data-request-id={id}
            >
              {supervisor ? (
                <input
                  type="radio"
                  name={name}
                  id={`${name}-${id}`}
                  checked={target === id}
                  onChange={() => setTarget(id)}
                  aria-label={`Keep request ${id}`}
                />
              ) : null}
              <button
                type="button"
                className="link-button"
                onClick={() => void selectRequest(id, 'queue')}
              >
                <span className="duplicate-type">{member.serviceName}</span>{' '}
                <span className="duplicate-address">
                  {member.address ?? 'No address'} · opened{' '}
                  {formatDuration(now - member.requestedAt)} ago
                  {member.assignedCrewId ? ' · has a crew' : ''}
                </span>
              </button>
            </div>
          );
        })}
      </fieldset>
      {supervisor ? (
        <button
          type="button"
          className="action-button"
          onClick={() => void merge(target, others)}
        >
          Merge {others.length} into {target}
        </button>
      ) : null}
    </li>
  );
}

export function DuplicatesView() {
  const groups = useAppStore((state) => state.duplicateGroups);
  const load = useAppStore((state) => state.loadDuplicateGroups);
  const role = useAppStore((state) => state.syncStatus?.signedInAs?.role);
  const [all, setAll] = useState(false);
  const supervisor = role === 'supervisor' || role === 'admin';

  useEffect(() => {
    void load();
  }, [load]);

  if (groups === null) {
    return (
      <div className="side-empty">
        <p>Looking for likely duplicates…</p>
      </div>
    );
  }
  if (groups.length === 0) {
    return (
      <div className="side-empty">
        <p>No likely duplicates among the open requests.</p>
      </div>
    );
  }

  return (
    <div className="duplicates-view" data-testid="duplicates-view">
      <p className="muted">
        {groups.length} group{groups.length === 1 ? '' : 's'} of likely
        duplicates, strongest first.
        {supervisor ? '' : ' Only a supervisor can merge them.'}
      </p>
      <ul className="duplicate-groups">
        {(all ? groups : groups.slice(0, FIRST_GROUPS)).map((group) => (
          <GroupCard
            key={group.members.map((m) => m.serviceRequestId).join(',')}
            group={group}
            supervisor={supervisor}
          />
        ))}
      </ul>
      {groups.length > FIRST_GROUPS && !all ? (
        <button
          type="button"
          className="quiet-button"
          onClick={() => setAll(true)}
        >
          Show all {groups.length}
        </button>
      ) : null}
    </div>
  );
}
