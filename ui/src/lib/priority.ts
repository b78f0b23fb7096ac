// The priorities a visitor may claim at the kiosk. `appointment` is given by
// check-in, never chosen.

import type { Priority } from '../generated/types';
import type { StringKey } from './i18n';
import type { IconName } from './icons';

/** One priority button: the value sent to `take_ticket`, its label and icon. */
export interface PriorityOption {
  value: Priority;
  label: StringKey;
  icon: IconName;
}

/** Priority buttons in the order shown, "none" first. */
export const priorityOptions: readonly PriorityOption[] = [
  { value: 'none', label: 'priorityNone', icon: 'person' },
  { value: 'elderly', label: 'priorityElderly', icon: 'elderly' },
  { value: 'disabled', label: 'priorityDisabled', icon: 'disabled' },
  { value: 'pregnant', label: 'priorityPregnant', icon: 'pregnant' },
  { value: 'child_under6', label: 'priorityChildUnder6', icon: 'child' },
];
