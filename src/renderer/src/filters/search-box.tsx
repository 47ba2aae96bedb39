import { useEffect, useId, useState } from 'react';

import { MAX_SEARCH_TEXT } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';

/** Typing pauses this long before the queue and map are asked again. */
const DEBOUNCE_MS = 250;

export function SearchBox() {
  const text = useAppStore((state) => state.filter.text);
  const setSearchText = useAppStore((state) => state.setSearchText);
  const [draft, setDraft] = useState(text);
  const [shownText, setShownText] = useState(text);
  const id = useId();

  // A saved view or "clear" changes the text from outside: take it over
  // during render rather than in an effect, so no stale frame shows.
  if (text !== shownText) {
    setShownText(text);
    setDraft(text);
  }

  useEffect(() => {
    const timer = window.setTimeout(() => setSearchText(draft), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, setSearchText]);

  return (
    <label className="search-box" htmlFor={id}>
      <span className="visually-hidden">
        Search address, type and description
      </span>
      <input
        id={id}
        type="search"
        data-testid="filter-search"
        placeholder="Search address, type, text"
        maxLength={MAX_SEARCH_TEXT}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') setSearchText(draft);
        }}
      />
    </label>
  );
}
