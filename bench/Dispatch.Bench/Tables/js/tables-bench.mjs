// Baseline for `./dispatch bench tables`: the same operations as TablesBench.cs, run with the official
// JavaScript SDK (@azure/data-tables) against the same Azurite. Driven over stdin, one command a line:
//   run <op> <table> <concurrency> <seconds>   ->   DONE <count> <elapsedMs>   (or ERROR <message>)
import { TableClient, odata } from "@azure/data-tables";
import readline from "node:readline";
import { performance } from "node:perf_hooks";

const connectionString = process.argv[2];
if (!connectionString) {
  console.error("usage: node tables-bench.mjs <connection string>");
  process.exit(2);
}

const clients = new Map();
function client(table) {
  let c = clients.get(table);
  if (!c) {
    c = TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
    clients.set(table, c);
  }
  return c;
}

let seq = 0;
const rowKey = (i) => String(i).padStart(4, "0");
const startedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 123));
function entity(partitionKey, rk) {
  return {
    partitionKey,
    rowKey: rk,
    Name: "张三 第一书记",
    Village: "黄村",
    Term: 2,
    Score: 97.5,
    Active: true,
    StartedAt: startedAt,
    Budget: { value: "9000000000", type: "Int64" },
  };
}

const ops = {
  insert: async (table, worker) => {
    await client(table).createEntity(entity(`w${worker}`, `js${seq++}`));
  },
  read: async (table) => {
    const i = (seq++ * 7919) % 1000;
    await client(table).getEntity("read", rowKey(i));
  },
  upsert: async (table) => {
    const i = (seq++ * 7919) % 1000;
    await client(table).upsertEntity({ partitionKey: "read", rowKey: rowKey(i), Term: seq }, "Merge");
  },
  batch: async (table) => {
    const pk = `jsb${seq++}`;
    const actions = [];
    for (let j = 0; j < 10; j++) actions.push(["create", entity(pk, `r${j}`)]);
    await client(table).submitTransaction(actions);
  },
  query: async (table) => {
    let n = 0;
    for await (const e of client(table).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${"q"}` } })) {
      if (e.Term !== undefined) n++;
    }
    if (n !== 1000) throw new Error(`query returned ${n} rows`);
  },
};

async function run(op, table, concurrency, seconds) {
  const fn = ops[op];
  if (!fn) throw new Error(`unknown op ${op}`);
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        await fn(table, worker);
        count++;
      }
    }),
  );
  return { count, ms: performance.now() - start };
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
console.log("READY");
for await (const line of rl) {
  const [cmd, op, table, c, s] = line.trim().split(/\s+/);
  if (cmd === "quit") break;
  if (cmd !== "run") {
    console.log(`ERROR unknown command ${cmd}`);
    continue;
  }
  try {
    const { count, ms } = await run(op, table, Number(c), Number(s));
    console.log(`DONE ${count} ${ms.toFixed(3)}`);
  } catch (err) {
    console.log(`ERROR ${String(err?.message ?? err).replace(/\s+/g, " ")}`);
  }
}
process.exit(0);
