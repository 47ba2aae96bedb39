import { useId, useRef, useState } from 'react';

import { useAppStore } from '../store/use-app-store';

/** Save the current filter and sort by name; apply or delete saved ones. */
export function SavedViewsMenu() {
  const views = useAppStore((state) => state.savedViews);
  const loadSavedViews = useAppStore((state) => state.loadSavedViews);
  const saveCurrentView = useAppStore((state) => state.saveCurrentView);
  const applyView = useAppStore((state) => state.applyView);
  const deleteSavedView = useAppStore((state) => state.deleteSavedView);
  const [name, setName] = useState('');
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const nameId = useId();

  const save = async () => {
    if (name.trim() === '') return;
    if (await saveCurrentView(name)) setName('');
  };

  return (
    <details
      className="facet-picker saved-views"
      ref={detailsRef}
      data-testid="saved-views"
      onToggle={(event) => {
        if ((event.target as HTMLDetailsElement).open) void loadSavedViews();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && detailsRef.current) {
          detailsRef.current.open = false;
        }
      }}
    >
      <summary>
        <span className="facet-label">Views</span>
        <span className="facet-summary">{views.length || 'None'}</span>
      </summary>
      <div className="facet-popover">
        <form
          className="saved-view-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label htmlFor={nameId}>Save the current filters as</label>
          <input
            id={nameId}
            data-testid="saved-view-name"
            maxLength={80}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" disabled={name.trim() === ''}>
            Save
          </button>
        </form>
        <ul className="facet-options" aria-label="Saved views">
          {views.map((view) => (
            <li key={view.name} className="saved-view">
              <button
                type="button"
                className="saved-view-apply"
                onClick={() => {
                  applyView(view.name);
                  if (detailsRef.current) detailsRef.current.open = false;
                }}
              >
                {view.name}
              </button>
              <button
                type="button"
                className="saved-view-delete"
                aria-label={`Delete the view ${view.name}`}
                onClick={() => void deleteSavedView(view.name)}
              >
                ×
              </button>
            </li>
          ))}
          {views.length === 0 ? (
            <li className="facet-empty">No saved views yet</li>
          ) : null}
        </ul>
      </div>
    </details>
  );
}
