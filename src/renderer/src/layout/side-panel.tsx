// The right-hand pane: the selected request, the crew roster, the SLA
// view, or the conflicts list, as tabs.
import { CrewRoster } from '../crews/crew-roster';
import { RequestDetail } from '../detail/request-detail';
import { SettingsPanel } from '../settings/settings-panel';
import { useAppStore } from '../store/use-app-store';
import { DuplicatesView } from '../duplicates/duplicates-view';
import { SlaView } from '../sla/sla-view';
import { ConflictsPanel } from '../sync/conflicts-panel';

export type SideTab =
  'request' | 'crews' | 'sla' | 'duplicates' | 'conflicts' | 'settings';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'request', label: 'Request' },
  { id: 'crews', label: 'Crews' },
  { id: 'sla', label: 'SLA' },
  { id: 'duplicates', label: 'Duplicates' },
  { id: 'conflicts', label: 'Conflicts' },
  { id: 'settings', label: 'Settings' },
];

export function SidePanel(props: {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
}) {
  const conflicts = useAppStore((state) => state.conflicts.length);

  return (
    <section className="side-pane" aria-label="Details">
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`side-tab-${tab.id}`}
            aria-selected={props.tab === tab.id}
            aria-controls={`side-panel-${tab.id}`}
            tabIndex={props.tab === tab.id ? 0 : -1}
            onClick={() => props.onTab(tab.id)}
            onKeyDown={(event) => {
              const at = TABS.findIndex((t) => t.id === props.tab);
              const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
              if (step === undefined) return;
              const next = TABS[(at + step + TABS.length) % TABS.length]!;
              props.onTab(next.id);
              document.getElementById(`side-tab-${next.id}`)?.focus();
            }}
          >
            {tab.label}
            {tab.id === 'conflicts' && conflicts > 0 ? ` (${conflicts})` : ''}
          </button>
        ))}
      </div>
      <div
        className="side-body"
        role="tabpanel"
        id={`side-panel-${props.tab}`}
        aria-labelledby={`side-tab-${props.tab}`}
      >
        {props.tab === 'request' ? <RequestDetail /> : null}
        {props.tab === 'crews' ? (
          <CrewRoster onShowRequest={() => props.onTab('request')} />
        ) : null}
        {props.tab === 'sla' ? <SlaView /> : null}
        {props.tab === 'duplicates' ? <DuplicatesView /> : null}
        {props.tab === 'conflicts' ? <ConflictsPanel /> : null}
        {props.tab === 'settings' ? <SettingsPanel /> : null}
      </div>
    </section>
  );
}
