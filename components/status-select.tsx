import type { ConversationStatus } from '../lib/messaging/model';
import { STATUS_LABELS } from '../lib/ui/format';

interface StatusSelectProps {
  id: string;
  value: ConversationStatus;
  onChange: (status: ConversationStatus) => void;
}

/** A conversation's status: open, snoozed or done, in the agent's words. */
export function StatusSelect({ id, value, onChange }: StatusSelectProps) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as ConversationStatus)}>
      {(Object.keys(STATUS_LABELS) as ConversationStatus[]).map((status) => (
        <option key={status} value={status}>
          {STATUS_LABELS[status]}
        </option>
      ))}
    </select>
  );
}
