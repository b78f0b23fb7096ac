// The documents check: which papers the visitor still lacks, and the time, fee
// and delivery facts shown beside the list. Plain functions over catalogue data.

import type { Channel, ChannelKind, DossierComponent, Procedure } from '../generated/types';
import type { StringKey } from './i18n';

/** The outcome of a documents check. */
export interface Verdict {
  /** True when the visitor has every document of the case. */
  ready: boolean;
  /** Documents not ticked, in list order. */
  missing: DossierComponent[];
}

/** The verdict for `components` when the visitor has ticked the indexes in `have`. */
export function verdictOf(components: readonly DossierComponent[], have: readonly number[]): Verdict {
  const ticked = new Set(have);
  const missing = components.filter((_, index) => !ticked.has(index));
  return { ready: missing.length === 0, missing };
}

/** `have` with `index` ticked if it was not, unticked if it was. */
export function toggled(have: readonly number[], index: number): number[] {
  return have.includes(index)
    ? have.filter((i) => i !== index)
    : [...have, index].sort((a, b) => a - b);
}

/** One row of the time and fee table. */
export interface ChannelRow {
  kind: ChannelKind;
  /** The record's row for this channel, when it has one. */
  channel: Channel | null;
  /** What to say when there is no row. */
  absent: StringKey;
}

const KINDS: readonly ChannelKind[] = ['direct', 'online', 'postal'];

/** A row for each channel, direct, online and postal, whether the record lists it or not. */
export function channelRows(procedure: Procedure): ChannelRow[] {
  return KINDS.map((kind) => ({
    kind,
    channel: procedure.channels.find((channel) => channel.kind === kind) ?? null,
    absent: kind === 'online' && procedure.online_level === 'none' ? 'notOnline' : 'noInformation',
  }));
}

/** What to say about receiving the result by post. */
export function resultByPost(procedure: Procedure): StringKey {
  switch (procedure.result_by_post) {
    case true:
      return 'postYes';
    case false:
      return 'postNo';
    default:
      return 'postUnknown';
  }
}
