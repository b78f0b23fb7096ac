// Questions the screens ask of the office's catalogue. Plain functions: no
// window, no commands, so they are tested on their own.

import type {
  Catalogue,
  ChannelKind,
  DossierComponent,
  LocalizedText,
  Procedure,
} from '../generated/types';
import type { StringKey } from './i18n';

/** A field ("lĩnh vực") and its procedures, in catalogue order. */
export interface Field {
  name: LocalizedText;
  procedures: Procedure[];
}

/** The catalogue's fields in order of first appearance. */
export function fieldsOf(catalogue: Catalogue): Field[] {
  const byName = new Map<string, Field>();
  for (const procedure of catalogue.procedures) {
    const key = procedure.field.vi;
    let field = byName.get(key);
    if (!field) {
      field = { name: procedure.field, procedures: [] };
      byName.set(key, field);
    }
    field.procedures.push(procedure);
  }
  return [...byName.values()];
}

/** The procedure with `code`, if the catalogue has it. */
export function procedureByCode(catalogue: Catalogue | null, code: string): Procedure | null {
  return catalogue?.procedures.find((procedure) => procedure.code === code) ?? null;
}

/** The procedures for `codes` in the same order, skipping codes not in the catalogue. */
export function proceduresByCodes(catalogue: Catalogue, codes: string[]): Procedure[] {
  const byCode = new Map(catalogue.procedures.map((procedure) => [procedure.code, procedure]));
  return codes.flatMap((code) => byCode.get(code) ?? []);
}

/** Documents of which an original must be shown, each once: of case `caseIndex`
 *  when the visitor chose one, else over all cases. */
export function originalsToBring(
  procedure: Procedure,
  caseIndex: number | null = null,
): DossierComponent[] {
  const seen = new Set<string>();
  const result: DossierComponent[] = [];
  const chosen = caseIndex === null ? undefined : procedure.dossier[caseIndex];
  for (const dossierCase of chosen ? [chosen] : procedure.dossier) {
    for (const component of dossierCase.components) {
      if (component.originals > 0 && !seen.has(component.name.vi)) {
        seen.add(component.name.vi);
        result.push(component);
      }
    }
  }
  return result;
}

/** Dictionary key of a channel's name. */
export function channelLabel(kind: ChannelKind): StringKey {
  switch (kind) {
    case 'direct':
      return 'channelDirect';
    case 'online':
      return 'channelOnline';
    case 'postal':
      return 'channelPostal';
  }
}
