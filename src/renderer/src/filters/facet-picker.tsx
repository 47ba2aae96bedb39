import { useEffect, useId, useMemo, useRef, useState } from 'react';

import type { FacetValue } from '../../../shared/contract';
import { filterFacetValues, summarizeChoice } from './facet-choices';

type FacetPickerProps = {
  label: string;
  testId: string;
  values: FacetValue[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** How a value reads (e.g. '' is "No neighbourhood"). */
  describe?: (value: string) => string;
};

const asIs = (value: string) => value;

/**
 * A multi-select as a disclosure holding labelled checkboxes with counts,
 * and a box to narrow a long list.
 */
export function FacetPicker(props: FacetPickerProps) {
  const { label, testId, values, selected, onChange } = props;
  const describe = props.describe ?? asIs;
  const [query, setQuery] = useState('');
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const searchId = useId();

  const shown = useMemo(
    () => filterFacetValues(values, query, describe),
    [values, query, describe],
  );
  const chosen = useMemo(() => new Set(selected), [selected]);

  useEffect(() => {
    // A disclosure left open over the queue is in the way: close on an
    // outside click or Escape.
    const closeOnOutside = (event: MouseEvent) => {
      const details = detailsRef.current;
      if (details?.open && !details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('mousedown', closeOnOutside);

    return () => document.removeEventListener('mousedown', closeOnOutside);
  }, []);

  const toggle = (value: string, on: boolean) => {
    const next = on
      ? [...selected, value]
      : selected.filter((existing) => existing !== value);
    onChange(next);
  };

  return (
    <details
      className="facet-picker"
      ref={detailsRef}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && detailsRef.current) {
          detailsRef.current.open = false;
        }
      }}
    >
      <summary>
        <span className="facet-label">{label}</span>
        <span className="facet-summary">
          {summarizeChoice(selected, describe)}
        </span>
      </summary>
      <div className="facet-popover">
        <label className="facet-search" htmlFor={searchId}>
          <span className="visually-hidden">Narrow the {label} list</span>
          <input
            id={searchId}
            type="search"
            placeholder={`Find a ${label.toLowerCase()}`}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <fieldset>
          <legend className="visually-hidden">{label}</legend>
          <ul className="facet-options">
            {shown.map((facet) => (
              <li key={facet.value}>
                <label>
                  <input
                    type="checkbox"
                    value={facet.value}
                    checked={chosen.has(facet.value)}
                    onChange={(event) =>
                      toggle(facet.value, event.target.checked)
                    }
                  />
                  <span className="facet-name">{describe(facet.value)}</span>
                  <span className="facet-count">{facet.count}</span>
                </label>
              </li>
            ))}
            {shown.length === 0 ? (
              <li className="facet-empty">Nothing matches “{query}”</li>
            ) : null}
          </ul>
        </fieldset>
        {selected.length > 0 ? (
          <button
            type="button"
            className="facet-clear"
            onClick={() => onChange([])}
          >
            Clear {label.toLowerCase()}
          </button>
        ) : null}
      </div>
    </details>
  );
}
