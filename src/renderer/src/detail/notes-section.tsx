// The selected request's notes and a form to add one. Note bodies are
// user text: rendered as text, never as markup.
import { useState } from 'react';

import { useAppStore } from '../store/use-app-store';
import { formatClock } from './clock-format';

export function NotesSection(props: { requestId: string; closed: boolean }) {
  const activity = useAppStore((state) => state.activity);
  const addNote = useAppStore((state) => state.addNote);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>(
    'internal',
  );
  const notes = activity?.notes ?? [];

  return (
    <section className="detail-section" aria-label="Notes">
      <h3>Notes</h3>
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="notes" data-testid="notes">
          {notes.map((note) => (
            <li key={note.noteId} data-pending={note.pending || undefined}>
              <div className="note-meta">
                <span className={`note-visibility note-${note.visibility}`}>
                  {note.visibility === 'public' ? 'Public' : 'Internal'}
                </span>
                <span>{note.author}</span>
                <time dateTime={new Date(note.createdAt).toISOString()}>
                  {formatClock(note.createdAt)}
                </time>
                {note.pending ? (
                  <span className="pending-mark">pending</span>
                ) : null}
              </div>
              <p className="note-body">{note.body}</p>
            </li>
          ))}
        </ul>
      )}
      {props.closed ? null : (
        <form
          className="note-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (body.trim() === '') return;
            void addNote(props.requestId, body.trim(), visibility).then(
              (ok) => ok && setBody(''),
            );
          }}
        >
          <label>
            <span>Add a note</span>
            <textarea
              value={body}
              rows={2}
              maxLength={4000}
              onChange={(event) => setBody(event.target.value)}
            />
          </label>
          <div className="form-buttons">
            <label className="inline-choice">
              <input
                type="checkbox"
                checked={visibility === 'public'}
                onChange={(event) =>
                  setVisibility(event.target.checked ? 'public' : 'internal')
                }
              />
              <span>Public (the reporter sees it)</span>
            </label>
            <button
              type="submit"
              className="action-button"
              disabled={body.trim() === ''}
            >
              Add note
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
