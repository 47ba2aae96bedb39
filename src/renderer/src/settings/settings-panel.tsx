// Settings: the central API and sign-in, the basemap, and SLA alerts.
// Each section saves on its own and says what went wrong beside it.
import { useEffect, useState, type FormEvent } from 'react';

import type { ConsoleSettings } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';
import { updateView } from '../update/update-text';
import {
  BASEMAP_KINDS,
  needsReload,
  draftOf,
  sourceOf,
  type BasemapDraft,
} from './basemap-choice';
import { setupSteps } from './setup-steps';

type Outcome = { ok: boolean; text: string } | null;

function OutcomeLine(props: { outcome: Outcome; id: string }) {
  if (props.outcome === null) return null;

  return (
    <p
      id={props.id}
      className={props.outcome.ok ? 'settings-ok' : 'settings-error'}
      role={props.outcome.ok ? 'status' : 'alert'}
    >
      {props.outcome.text}
    </p>
  );
}

const outcomeOf = (error: string | null, ok: string): Outcome =>
  error === null ? { ok: true, text: ok } : { ok: false, text: error };

export function SettingsPanel() {
  const settings = useAppStore((state) => state.settings);
  const loadSettings = useAppStore((state) => state.loadSettings);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  if (settings === null) {
    return <p className="side-empty">Loading the settings…</p>;
  }

  return (
    <div className="settings-panel" data-testid="settings-panel">
      {settings.setupDone ? null : <SetupGuide settings={settings} />}
      <CentralSection settings={settings} />
      <BasemapSection settings={settings} />
      <AlertsSection settings={settings} />
      <UpdatesSection />
    </div>
  );
}

function SetupGuide({ settings }: { settings: ConsoleSettings }) {
  const finishSetup = useAppStore((state) => state.finishSetup);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const steps = setupSteps(settings);
  const left = steps.filter((step) => !step.done).length;

  const finish = async () => {
    const error = await finishSetup();
    if (error !== null) setOutcome(outcomeOf(error, ''));
  };

  return (
    <section
      className="setup-guide"
      aria-labelledby="settings-setup"
      data-testid="setup-guide"
    >
      <h2 id="settings-setup">Set up this console</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.title} data-done={step.done ? 'true' : 'false'}>
            <strong>{step.title}</strong>
            {step.done ? (
              <span className="visually-hidden"> (done)</span>
            ) : null}
            <span className="setup-state">{step.state}</span>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => void finish()}>
        {left === 0 ? 'Finish setup' : 'Finish setup for now'}
      </button>
      <OutcomeLine outcome={outcome} id="settings-setup-outcome" />
    </section>
  );
}

function CentralSection({ settings }: { settings: ConsoleSettings }) {
  const saveSettings = useAppStore((state) => state.saveSettings);
  const signIn = useAppStore((state) => state.signIn);
  const signOut = useAppStore((state) => state.signOut);
  const [url, setUrl] = useState(settings.centralUrl ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);

  const saveUrl = async (event: FormEvent) => {
    event.preventDefault();
    const centralUrl = url.trim() === '' ? null : url.trim();
    setOutcome(outcomeOf(await saveSettings({ centralUrl }), 'Address saved.'));
  };
  const submitSignIn = async (event: FormEvent) => {
    event.preventDefault();
    const error = await signIn(username, password);
    setPassword('');
    setOutcome(outcomeOf(error, 'Signed in.'));
  };

  return (
    <section aria-labelledby="settings-central">
      <h2 id="settings-central">Central API</h2>
      <form onSubmit={(event) => void saveUrl(event)}>
        <label htmlFor="settings-central-url">Address</label>
        <input
          id="settings-central-url"
          type="url"
          value={url}
          placeholder="https://311.city.example"
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit">Save address</button>
      </form>
      {settings.signedInAs ? (
        <p>
          Signed in as {settings.signedInAs.name} ({settings.signedInAs.role}
          ).{' '}
          <button
            type="button"
            onClick={() =>
              void signOut().then((error) =>
                setOutcome(outcomeOf(error, 'Signed out.')),
              )
            }
          >
            Sign out
          </button>
        </p>
      ) : (
        <form onSubmit={(event) => void submitSignIn(event)}>
          <label htmlFor="settings-username">User name</label>
          <input
            id="settings-username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <label htmlFor="settings-password">Password</label>
          <input
            id="settings-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit">Sign in</button>
        </form>
      )}
      <OutcomeLine outcome={outcome} id="settings-central-outcome" />
    </section>
  );
}

function BasemapSection({ settings }: { settings: ConsoleSettings }) {
  const saveSettings = useAppStore((state) => state.saveSettings);
  const loadMapBase = useAppStore((state) => state.loadMapBase);
  const problem = useAppStore((state) => state.mapBase?.problem ?? null);
  const [draft, setDraft] = useState<BasemapDraft>(draftOf(settings.basemap));
  const [outcome, setOutcome] = useState<Outcome>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = sourceOf(draft);
    const error = await saveSettings({ basemap: chosen });
    setOutcome(outcomeOf(error, 'Basemap saved.'));
    if (error !== null) return;
    // A style from another host needs the page's security policy to let
    // that host in, which only a reload brings.
    if (needsReload(settings.basemap, chosen)) window.location.reload();
    else await loadMapBase();
  };

  return (
    <section aria-labelledby="settings-basemap">
      <h2 id="settings-basemap">Basemap</h2>
      <form onSubmit={(event) => void save(event)}>
        <fieldset>
          <legend>Map source</legend>
          {BASEMAP_KINDS.map(({ kind, label }) => (
            <label key={kind} className="settings-choice">
              <input
                type="radio"
                name="basemap-kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => setDraft({ ...draft, kind })}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {draft.kind === 'pmtiles' || draft.kind === 'mbtiles' ? (
          <>
            <label htmlFor="settings-basemap-path">Full path of the file</label>
            <input
              id="settings-basemap-path"
              value={draft.path}
              placeholder={`/srv/maps/boston.${draft.kind}`}
              onChange={(event) =>
                setDraft({ ...draft, path: event.target.value })
              }
            />
          </>
        ) : null}
        {draft.kind === 'style-url' ? (
          <>
            <label htmlFor="settings-basemap-url">Style URL</label>
            <input
              id="settings-basemap-url"
              type="url"
              value={draft.url}
              placeholder="https://tiles.city.example/style.json"
              onChange={(event) =>
                setDraft({ ...draft, url: event.target.value })
              }
            />
          </>
        ) : null}
        <button type="submit">Save basemap</button>
      </form>
      <OutcomeLine outcome={outcome} id="settings-basemap-outcome" />
      {problem ? (
        <p className="settings-note" data-testid="basemap-problem">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

function AlertsSection({ settings }: { settings: ConsoleSettings }) {
  const saveSettings = useAppStore((state) => state.saveSettings);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Shown at once as chosen; put back if the save is refused.
  const [prefs, setPrefs] = useState(settings.notifications);

  const save = async (changes: Partial<typeof prefs>) => {
    const before = prefs;
    const wanted = { ...prefs, ...changes };
    setPrefs(wanted);
    const error = await saveSettings({ notifications: wanted });
    if (error !== null) setPrefs(before);
    setOutcome(outcomeOf(error, 'Alert settings saved.'));
  };

  return (
    <section aria-labelledby="settings-alerts">
      <h2 id="settings-alerts">SLA alerts</h2>
      <label className="settings-choice">
        <input
          type="checkbox"
          checked={prefs.slaAlerts}
          onChange={(event) => void save({ slaAlerts: event.target.checked })}
        />
        Alert me about held and watched requests
      </label>
      <fieldset disabled={!prefs.slaAlerts}>
        <legend>Alert when a request</legend>
        <label className="settings-choice">
          <input
            type="radio"
            name="sla-alert-level"
            checked={prefs.slaAlertLevel === 'at_risk'}
            onChange={() => void save({ slaAlertLevel: 'at_risk' })}
          />
          falls at risk or breaches
        </label>
        <label className="settings-choice">
          <input
            type="radio"
            name="sla-alert-level"
            checked={prefs.slaAlertLevel === 'breach_only'}
            onChange={() => void save({ slaAlertLevel: 'breach_only' })}
          />
          breaches only
        </label>
      </fieldset>
      <OutcomeLine outcome={outcome} id="settings-alerts-outcome" />
    </section>
  );
}

function UpdatesSection() {
  const update = useAppStore((state) => state.update);
  const checkForUpdates = useAppStore((state) => state.checkForUpdates);
  if (update === null) return null;
  const view = updateView(update);

  return (
    <section aria-labelledby="settings-updates">
      <h2 id="settings-updates">Updates</h2>
      <p role="status">
        {view.label === ''
          ? view.detail
          : `${view.label}. ${view.detail ?? ''}`}
      </p>
      {update.status !== 'unavailable' ? (
        <button type="button" onClick={() => void checkForUpdates()}>
          Check for updates
        </button>
      ) : null}
    </section>
  );
}
