/**
 * A test process that starts a server and then dies without calling `stop()`: it prints the url and
 * dir as one JSON line, then, per FIXTURE_END, exits normally (`exit`), signals itself (`sigterm`), or
 * waits for the test to SIGKILL it (`hang`).
 * Run as: node --import tsx postgres-server.fixture.ts
 */
import { startPostgres } from './postgres-server';

const server = await startPostgres();
console.log(JSON.stringify({ url: server.url, dir: server.dir }));
const end = process.env.FIXTURE_END;
if (end === 'exit') process.exit(0);
else if (end === 'sigterm') process.kill(process.pid, 'SIGTERM');
else setInterval(() => {}, 60_000);
