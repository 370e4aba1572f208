// Counts and EUR budgets of the filtered interventions per group, as SQL every engine runs. Every
// group appears, zeros included (a settlement the plan misses is the point of the exercise), and
// the items that belong to no group are reported in one row with `key: null` instead of being
// spread around.
import { FUNDING, LOCATION_ACCURACIES, STATUSES, THEMES } from '../geo/index.ts';
import type { AggregateBy, AggregateRow } from './store.ts';
import type { Where } from './filter-sql.ts';

interface GroupSql {
  /** SQL listing every group, or the vocabulary's ids */
  groups: string | readonly string[];
  join: string;
  key: string;
  /** the plan level whose items group, through the closure */
  level?: string;
}

const GROUPS: Record<AggregateBy, GroupSql> = {
  // Every municipality whose plan is held, items or none; every intervention serves one, so there is no "none" row.
  municipality: { groups: 'SELECT municipality AS key FROM plan ORDER BY municipality', join: '', key: 'i.municipality' },
  settlement: { groups: 'SELECT ekatte AS key FROM settlement ORDER BY ekatte', join: '', key: 'i.settlement' },
  // Master-plan zones are grouped apart: a zoning of the whole territory is another question.
  zone: {
    groups: "SELECT id AS key FROM zone WHERE kind <> 'oup_land_use' ORDER BY rowid",
    join: 'LEFT JOIN intervention_zone g ON g.intervention = i.rowid',
    key: 'g.zone',
  },
  masterPlanZone: {
    groups: "SELECT id AS key FROM zone WHERE kind = 'oup_land_use' ORDER BY rowid",
    join: 'LEFT JOIN intervention_master_plan_zone g ON g.intervention = i.rowid',
    key: 'g.zone',
  },
  goal: linkGroup('goal'),
  priority: linkGroup('priority'),
  measure: linkGroup('measure'),
  theme: { groups: THEMES.ids, join: '', key: 'i.theme' },
  status: { groups: STATUSES.ids, join: '', key: 'i.status' },
  accuracy: { groups: LOCATION_ACCURACIES.ids, join: '', key: 'i.location_accuracy' },
  funding: { groups: FUNDING.ids, join: 'LEFT JOIN intervention_funding g ON g.intervention = i.rowid', key: 'g.funding' },
};

function linkGroup(level: string): GroupSql {
  return {
    groups: `SELECT id AS key FROM plan_item WHERE level = '${level}' ORDER BY position`,
    // Through the closure, an item linked to a measure counts under its priority and goal too.
    join: `LEFT JOIN (SELECT DISTINCT l.intervention, c.ancestor FROM intervention_link l
             JOIN plan_closure c ON c.item = l.plan_item AND c.level = '${level}') g ON g.intervention = i.rowid`,
    key: 'g.ancestor',
    level,
  };
}

/** The SQL counting the filtered items per group, and the groups to list (SQL or the vocabulary). */
export function aggregateSql(by: AggregateBy, where: Where): { counted: string; groups: string | readonly string[] } {
  const group = GROUPS[by];
  if (group.level && where.sql) return { counted: filteredLinks(group.level, where), groups: group.groups };
  return {
    counted: `SELECT ${group.key} AS key, count(*) AS count, coalesce(sum(i.budget_eur_net), 0) AS "budgetEur", count(i.budget_eur) AS budgeted
      FROM intervention i ${group.join} ${where.sql} GROUP BY ${group.key}`,
    groups: group.groups,
  };
}

/**
 * Plan-item groups under a filter: the (item, ancestor) pairs of the items the filter keeps, not of
 * every item. At a million items, the pairs of all of them take seconds to gather and sort, while a
 * municipality's few thousand take a fifth of a second; with no filter every pair is wanted anyway.
 */
function filteredLinks(level: string, where: Where): string {
  return `WITH f AS (SELECT i.rowid AS id, i.budget_eur_net AS net, i.budget_eur AS budget FROM intervention i ${where.sql})
    SELECT g.ancestor AS key, count(*) AS count, coalesce(sum(f.net), 0) AS "budgetEur", count(f.budget) AS budgeted
    FROM f LEFT JOIN (SELECT DISTINCT l.intervention, c.ancestor FROM f JOIN intervention_link l ON l.intervention = f.id
      JOIN plan_closure c ON c.item = l.plan_item AND c.level = '${level}') g ON g.intervention = f.id
    GROUP BY g.ancestor`;
}

/** Every group in order, zeros for the empty ones, the ungrouped last; budgets to the cent. */
export function aggregateRows(counted: AggregateRow[], keys: readonly string[]): AggregateRow[] {
  const byKey = new Map(counted.map((r) => [r.key, r]));
  const rows = keys.map((key) => byKey.get(key) ?? { key, count: 0, budgetEur: 0, budgeted: 0 });
  const none = byKey.get(null);
  if (none) rows.push(none);
  return rows.map((r) => ({ ...r, budgetEur: Math.round(r.budgetEur * 100) / 100 }));
}
