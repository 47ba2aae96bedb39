// Moving the selected request through its work: start, back to open,
// resolve or close, the last two with a reason.
import { useState } from 'react';

import { useAppStore } from '../store/use-app-store';
import { allowedMoves, NEEDS_REASON, type StatusMove } from './status-moves';

const MOVE_LABELS: Record<StatusMove, string> = {
  open: 'Back to the queue',
  in_progress: 'Start work',
  resolved: 'Resolve…',
  closed: 'Close…',
};

export function StatusSection(props: { requestId: string }) {
  const { requestId } = props;
  const dispatch = useAppStore((state) => state.dispatch);
  const setStatus = useAppStore((state) => state.setStatus);
  const [asking, setAsking] = useState<StatusMove | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const status =
    dispatch?.serviceRequestId === requestId ? dispatch.workStatus : null;
  if (status === null) return null;

  const move = (target: StatusMove) => {
    if (NEEDS_REASON.has(target)) {
      setAsking(target);
      setProblem(null);
      return;
    }
    void setStatus(requestId, target, null);
  };

  const confirm = async () => {
    if (asking === null) return;
    if (reason.trim() === '') {
      setProblem(`Say why the request is ${asking}: a reason is needed.`);
      return;
    }
    if (await setStatus(requestId, asking, reason.trim())) {
      setAsking(null);
      setReason('');
    }
  };

  return (
    <section className="detail-section" aria-label="Status">
      <h3>Status</h3>
      <p>
        Now:{' '}
        <strong data-testid="work-status">{status.replace('_', ' ')}</strong>
      </p>
      <div className="status-moves">
        {allowedMoves(status).map((target) => (
          <button
            key={target}
            type="button"
            className="quiet-button"
            onClick={() => move(target)}
          >
            {MOVE_LABELS[target]}
          </button>
        ))}
      </div>
      {asking !== null ? (
        <form
          className="reason-form"
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <label>
            <span>Why is it {asking}?</span>
            <textarea
              value={reason}
              maxLength={1000}
              rows={2}
              autoFocus
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={problem !== null}
            />
          </label>
          {problem ? (
            <p className="field-problem" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="form-buttons">
            <button type="submit" className="action-button">
              {asking === 'closed' ? 'Close request' : 'Resolve request'}
            </button>
            <button
              type="button"
              className="quiet-button"
              onClick={() => setAsking(null)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
