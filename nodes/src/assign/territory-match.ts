import type { LeadContext } from '@leadflow/engine';
import type { TerritoryRules } from '@leadflow/engine/db';

export interface Territory {
  id: string;
  name: string;
  rules: TerritoryRules;
  team_id: string | null;
  rep_id: string | null;
}

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Which rules of a territory the lead meets; null if any rule fails. */
export function matchTerritory(territory: Territory, lead: Readonly<LeadContext>): string[] | null {
  const { rules } = territory;
  const met: string[] = [];
  const list = (values: string[] | undefined, value: string | null, label: string): boolean => {
    if (!values?.length) return true;
    if (!value || !values.some((v) => sameText(v, value))) return false;
    met.push(`${label} ${value}`);
    return true;
  };
  if (!list(rules.countries, lead.country, 'country')) return null;
  if (!list(rules.regions, lead.region, 'region')) return null;
  if (!list(rules.industries, lead.industry, 'industry')) return null;
  if (rules.minEmployees !== undefined || rules.maxEmployees !== undefined) {
    if (lead.employees === null || lead.employees === undefined) return null;
    if (rules.minEmployees !== undefined && lead.employees < rules.minEmployees) return null;
    if (rules.maxEmployees !== undefined && lead.employees > rules.maxEmployees) return null;
    met.push(`${lead.employees} employees`);
  }
  return met;
}

/** The first territory (in priority order) whose rules the lead meets. */
export function findTerritory(
  territories: readonly Territory[],
  lead: Readonly<LeadContext>,
): { territory: Territory; met: string[] } | null {
  for (const territory of territories) {
    const met = matchTerritory(territory, lead);
    if (met) return { territory, met };
  }
  return null;
}
