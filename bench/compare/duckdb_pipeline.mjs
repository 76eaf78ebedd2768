// Embedded DuckDB running the SQL an analyst would write for reciprocity and
// the mixing matrix straight from the CSV files, for comparison.
// Usage: node duckdb_pipeline.mjs EDGES.csv NODES.csv
// Needs @duckdb/node-api (compare.sh installs it into a scratch folder).
import { DuckDBInstance } from '@duckdb/node-api';
import { resourceUsage } from 'node:process';

const [edges, nodes] = process.argv.slice(2);
const t0 = Date.now();
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
await c.run(`create table e as select distinct source, target from read_csv('${edges}') where source <> target`);
await c.run(`create table n as select * from read_csv('${nodes}')`);
const rec = (await c.runAndReadAll(`
  select (select count(*) from e a join e b on a.source = b.target and a.target = b.source)::double
       / (select count(*) from e) as r`)).getRows()[0][0];
const mix = (await c.runAndReadAll(`
  select ns."group" as gs, nt."group" as gt, count(*) as c
  from e join n ns on e.source = ns.id join n nt on e.target = nt.id
  group by all order by all`)).getRows();
const secs = (Date.now() - t0) / 1000;
console.log(JSON.stringify({
  tool: 'duckdb (node-api) ' + (await c.runAndReadAll('select version()')).getRows()[0][0],
  seconds: secs,
  peak_rss_mib: Math.round(resourceUsage().maxRSS / 1024),
  reciprocity: rec,
  mixing_cells: mix.length,
}));
