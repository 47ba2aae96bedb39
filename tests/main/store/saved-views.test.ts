import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import { MAX_SAVED_VIEWS } from '../../../src/shared/contract';

describe('saved views', () => {
  let store: Store;

  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('saves, lists by name, replaces by name and deletes', () => {
    store.views.saveView(
      {
        name: 'Breached potholes',
        filter: { types: ['Pothole'], slaStates: ['breached'] },
        sort: 'due',
      },
      10,
    );
    const saved = store.views.saveView(
      {
        name: 'Near City Hall',
        filter: { text: 'tremont', assigned: false },
        sort: { by: 'distance', from: { lat: 42.36, long: -71.06 } },
      },
      20,
    );

    expect(saved.map((view) => view.name)).toEqual([
      'Breached potholes',
      'Near City Hall',
    ]);
    expect(saved[1]).toEqual({
      name: 'Near City Hall',
      filter: { text: 'tremont', assigned: false },
      sort: { by: 'distance', from: { lat: 42.36, long: -71.06 } },
      savedAt: 20,
    });

    store.views.saveView(
      { name: 'Breached potholes', filter: {}, sort: 'age' },
      30,
    );
    expect(store.views.listSavedViews()[0]).toEqual({
      name: 'Breached potholes',
      filter: {},
      sort: 'age',
      savedAt: 30,
    });

    expect(store.views.deleteView('Breached potholes')).toBe(true);
    expect(store.views.deleteView('Breached potholes')).toBe(false);
    expect(store.views.listSavedViews()).toHaveLength(1);
  });

  it('refuses a view beyond the limit, but still replaces an existing one', () => {
    for (let i = 0; i < MAX_SAVED_VIEWS; i += 1) {
      store.views.saveView({ name: `View ${i}`, filter: {}, sort: 'due' }, i);
    }

    expect(() =>
      store.views.saveView({ name: 'One more', filter: {}, sort: 'due' }, 99),
    ).toThrow(/at most 50 saved views; delete one/);
    expect(() =>
      store.views.saveView({ name: 'View 3', filter: {}, sort: 'age' }, 99),
    ).not.toThrow();
  });
});
