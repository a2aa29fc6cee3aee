import { priorityLabel } from '../lib/labels';

interface PrioritySelectProps {
  id: string;
  value: number;
  onChange: (priority: number) => void;
}

/** Kustomer's five priorities, most urgent first, each as "High (4)". */
export function PrioritySelect({ id, value, onChange }: PrioritySelectProps) {
  return (
    <select id={id} value={String(value)} onChange={(event) => onChange(Number(event.currentTarget.value))}>
      {[5, 4, 3, 2, 1].map((priority) => (
        <option key={priority} value={String(priority)}>
          {priorityLabel(priority)}
        </option>
      ))}
    </select>
  );
}
