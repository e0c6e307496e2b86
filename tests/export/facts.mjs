// facts.mjs - reads `vigil export facts` back with DuckDB: each table's rows from the CSV
// (Hive-partitioned by year and force), then the documented one-line conversion to Parquet
// and the rows read back from the Parquet files. Prints "table csv parquet years forces".
// DuckDB (@duckdb/node-api, exact version) is installed in bench/duckdb (npm ci there).
// usage: node tests/export/facts.mjs DIR
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(resolve(import.meta.dirname, '../../bench/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');
const dir = process.argv[2];
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
mkdirSync(`${dir}/parquet`, { recursive: true });
for (const t of ['crimes', 'incidents', 'outcomes']) {
  const csv = `read_csv(${q(`${dir}/${t}/*/*/*.csv`)}, hive_partitioning = true, header = true)`;
  const a = await con.runAndReadAll(`SELECT count(*), count(DISTINCT year), count(DISTINCT force) FROM ${csv}`);
  // the conversion docs/OPERATIONS.md gives, in one statement
  await con.run(`COPY (SELECT * FROM ${csv}) TO ${q(`${dir}/parquet/${t}`)} (FORMAT parquet, PARTITION_BY (year, force))`);
  const b = await con.runAndReadAll(`SELECT count(*) FROM read_parquet(${q(`${dir}/parquet/${t}/*/*/*.parquet`)}, hive_partitioning = true)`);
  const [n, years, forces] = a.getRows()[0].map(Number);
  console.log(`${t} ${n} ${Number(b.getRows()[0][0])} ${years} ${forces}`);
}
