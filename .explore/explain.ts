import fs from 'node:fs';
import { Pool } from '/work/wt-case-search/node_modules/pg';
import { searchPetitions, type PetitionSearch } from '/work/wt-case-search/src/db/petition-search';
const pool = new Pool({ connectionString: fs.readFileSync('/tmp/search-explore/url', 'utf8') });
const province = { unitId: 'bench-province-petition-bureau', regionId: 'bench-province' };
const county = { unitId: (process.env.COUNTY ?? '') };
const cases: Record<string, PetitionSearch> = {
  textCounty: { text: ['电梯'], visibleTo: county, limit: 20 },
  textFilters: { text: ['电梯'], status: 'closed', receivedFrom: '2025-01-01', receivedTo: '2025-06-30', visibleTo: province, limit: 20 },
  filtered: { channel: 'letter', domain: { code: 'urban-construction', level: 'category' }, firstTime: false, visibleTo: province, limit: 20 },
  supervision: { supervisionLevel: 'listed', visibleTo: province, limit: 20 },
  filteredCounty: { status: 'replied', channel: 'visit', receivedFrom: '2025-04-01', receivedTo: '2025-09-30', visibleTo: county, limit: 20 },
  textProvince: { text: ['拖欠','工资'], visibleTo: province, limit: 20 },
};
const fake = {
  query: async (sql: string, params: unknown[]) => {
    const t0 = Date.now();
    const r = await pool.query('EXPLAIN (ANALYZE, COSTS OFF) ' + sql, params);
    console.log(`--- ${Date.now() - t0} ms\n` + r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
    return { rows: [] };
  },
};
(async () => {
  for (const name of (process.argv[2] ?? Object.keys(cases).join(',')).split(',')) {
    console.log(`===== ${name}`);
    await searchPetitions(fake as any, cases[name]!);
  }
  await pool.end();
})();
