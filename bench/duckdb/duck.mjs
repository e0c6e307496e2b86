// DuckDB peer for bench/import.sh and bench/csv_throughput.sh.
// usage: node duck.mjs import|count FILE...   prints "seconds rows" (wall time inside DuckDB)
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, ...files] = process.argv.slice(2);
const list = '[' + files.map((f) => `'${f.replace(/'/g, "''")}'`).join(',') + ']';
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const t0 = process.hrtime.bigint();
let rows = 0;
const opts = "header = true, all_varchar = true, union_by_name = true";
if (mode === 'count') {
  const r = await con.runAndReadAll(`SELECT count(*) AS n FROM read_csv(${list}, ${opts})`);
  rows = Number(r.getRows()[0][0]);
} else {
  // load into a table, then the per-force, per-type aggregation the report needs
  await con.run(`CREATE TABLE street AS SELECT * FROM read_csv(${list}, ${opts})`);
  const r = await con.runAndReadAll(`SELECT "Reported by", "Crime type", count(*) FROM street GROUP BY 1, 2`);
  const c = await con.runAndReadAll(`SELECT count(*) FROM street`);
  rows = Number(c.getRows()[0][0]);
  if (r.getRows().length === 0) throw new Error('no groups');
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${secs.toFixed(3)} ${rows}`);
