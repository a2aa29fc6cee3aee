/**
 * "Snooze until when" (issue 17): presets in the agent's local time and the instant sent to Kustomer as the spec's
 * `snooze.time` (an ISO date-time).
 */
import { t } from '../i18n/t';

export type SnoozePreset = 'hour' | 'evening' | 'tomorrow' | 'monday' | 'week' | 'custom';

export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['hour', 'evening', 'tomorrow', 'monday', 'week', 'custom'];

/** "In 1 hour", "Tomorrow, 9:00"…: a preset in the agent's language. */
export function snoozePresetLabel(preset: SnoozePreset): string {
  return t(`panel.snooze.presets.${preset}`);
}

function at(base: Date, days: number, hour: number): Date {
  const date = new Date(base);
  date.setDate(date.getDate() + days);
  date.setHours(hour, 0, 0, 0);
  return date;
}

/**
 * When a preset ends, from `now` in local time; null for `custom` or an evening already past. `custom` reads a
 * `datetime-local` value, which must be in the future.
 */
export function snoozeUntil(preset: SnoozePreset, now: Date, custom = ''): Date | null {
  switch (preset) {
    case 'hour':
      return new Date(now.getTime() + 3600_000);
    case 'evening': {
      const evening = at(now, 0, 18);
      return evening > now ? evening : null;
    }
    case 'tomorrow':
      return at(now, 1, 9);
    case 'monday':
      // Monday is day 1; from a Monday it is the next one.
      return at(now, (8 - now.getDay()) % 7 || 7, 9);
    case 'week':
      return new Date(now.getTime() + 7 * 24 * 3600_000);
    case 'custom': {
      const time = Date.parse(custom);
      return Number.isNaN(time) || time <= now.getTime() ? null : new Date(time);
    }
  }
}
