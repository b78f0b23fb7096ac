// The documents check: which papers the visitor still lacks, and the time, fee
// and delivery facts shown beside the list. Plain functions over catalogue data.

import type { Channel, ChannelKind, DossierComponent, Procedure } from '../generated/types';
import type { StringKey } from './i18n';

/** The outcome of a documents check. */
export interface Verdict {
  /** True when the visitor has every document the case always needs. */
  ready: boolean;
  /** Documents the case always needs and the visitor did not tick, in list order. */
  missing: DossierComponent[];
  /** Documents needed only in some situations and not ticked: never counted missing,
   *  shown as "only if it applies to you". */
  onlyIf: DossierComponent[];
}

// The catalogue marks a document needed only in some situations in its name: a closing
// "(nếu ...)" / "(if ...)", "(trừ ...)" / "(unless ...)", or "nếu có" / "if any". Both
// languages must say so, so that a condition on a detail of a document ("with a
// confirmation if ...") does not make the document itself optional.
const CONDITION_VI = /(\((nếu|trừ|không cần)[^()]*(\([^()]*\)[^()]*)*\)|\bnếu có\)?)\s*$/iu;
const CONDITION_EN = /(\((if|unless|not needed)\b[^()]*(\([^()]*\)[^()]*)*\)|\bif any\)?)\s*$/iu;

/** True when `component` is needed only in some situations, as its name says. */
export function isConditional(component: DossierComponent): boolean {
  return CONDITION_VI.test(component.name.vi) && CONDITION_EN.test(component.name.en);
}

/** The verdict for `components` when the visitor has ticked the indexes in `have`. */
export function verdictOf(components: readonly DossierComponent[], have: readonly number[]): Verdict {
  const ticked = new Set(have);
  const untickedOnes = components.filter((_, index) => !ticked.has(index));
  const missing = untickedOnes.filter((component) => !isConditional(component));
  const onlyIf = untickedOnes.filter(isConditional);
  return { ready: missing.length === 0, missing, onlyIf };
}

/** How many of the documents the case always needs the visitor has, of how many. */
export function requiredCount(
  components: readonly DossierComponent[],
  have: readonly number[],
): { n: number; total: number } {
  const ticked = new Set(have);
  let n = 0;
  let total = 0;
  components.forEach((component, index) => {
    if (isConditional(component)) return;
    total++;
    if (ticked.has(index)) n++;
  });
  return { n, total };
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
