import { useAppStore } from '../store/use-app-store';

const CHOICES: { value: boolean | null; label: string; id: string }[] = [
  { value: null, label: 'Any', id: 'any' },
  { value: false, label: 'Unassigned', id: 'unassigned' },
  { value: true, label: 'Assigned', id: 'assigned' },
];

/** Assigned, unassigned or either, as a group of toggle buttons. */
export function AssignedToggle() {
  const assigned = useAppStore((state) => state.filter.assigned);
  const setAssigned = useAppStore((state) => state.setAssigned);

  return (
    <div className="assigned-toggle" role="group" aria-label="Crew assigned">
      {CHOICES.map((choice) => (
        <button
          key={choice.id}
          type="button"
          data-testid={`filter-assigned-${choice.id}`}
          aria-pressed={assigned === choice.value}
          onClick={() => setAssigned(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
