import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Private Redis and PostgreSQL servers for the scale-out tests: each in a temporary folder, on a
 * free port, started and stopped by its process id (never by name: other runs may have their own).
 */

/** The folder of PostgreSQL's server programs: on the PATH, else Debian's newest version. */
function postgresBin(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim() !== '';
const PG_BIN = postgresBin();

/** True when both servers can be started here; the tests that need them skip otherwise. */
export const HAVE_SERVICES = hasRedis && PG_BIN !== null;

/** Why the scale-out tests are skipped, and how to run them. */
export const SERVICES_MISSING =
  '[dyad tests] redis-server or PostgreSQL (initdb) not found: the scale-out tests are skipped. ' +
  'Run them with: apt-get install -y redis-server postgresql (or bash .ci/run, which installs them), then npm test.';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port. */
async function waitForPort(port: number, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode} before it listened on port ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Stops a child by its id and waits for it to exit. */
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, signal);
  await exited;
}

/** A private Redis: AOF on, fsync every second, no eviction (BullMQ's settings for a queue). */
export class RedisServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(mkdtempSync(join(tmpdir(), 'dyad-redis-')), await freePort());
    await server.launch();
    return server;
  }

  /** Starts the server on its folder: after a kill, it reloads what its append-only file holds. */
  async launch(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
    ];
    args.push(
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      join(this.dir, 'redis.log'),
    );
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPort(this.port, 'redis-server', this.child);
  }

  /** Kills the server with SIGKILL, as a crash would. */
  async kill9(): Promise<void> {
    if (this.child) await stop(this.child, 'SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.child) await stop(this.child, 'SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The user PostgreSQL runs as: it refuses root, so a root test run uses the `postgres` account. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!uid) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as');
  return { uid, gid: id('-g') };
}

/** A private PostgreSQL cluster in a temporary folder, with a `dyad` superuser trusted locally. */
export class PostgresServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** The URL of a database of the cluster (`postgres`, the default, always exists). */
  url(database = 'postgres'): string {
    return `postgres://dyad@127.0.0.1:${this.port}/${database}`;
  }

  static async start(): Promise<PostgresServer> {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-pg-'));
    const user = serverUser();
    if (user) chownSync(dir, user.uid, user.gid);
    const data = join(dir, 'data');
    const as = user ?? {};
    const init = spawnSync(
      join(PG_BIN!, 'initdb'),
      ['-D', data, '-U', 'dyad', '-A', 'trust', '-E', 'UTF8', '--no-locale'],
      { ...as, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const server = new PostgresServer(dir, await freePort());
    // A throwaway cluster: no fsync (the tests kill workers and Redis, never the database).
    const args = [
      '-D',
      data,
      '-p',
      String(server.port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=50',
    ];
    server.child = spawn(join(PG_BIN!, 'postgres'), args, { ...as, stdio: 'ignore' });
    await waitForPort(server.port, 'postgres', server.child);
    await server.waitUntilReady();
    return server;
  }

  /** Waits until the cluster accepts queries (it listens a moment before it has started up). */
  private async waitUntilReady(): Promise<void> {
    const { default: pg } = await import('pg');
    for (let attempt = 0; ; attempt++) {
      const client = new pg.Client({ connectionString: this.url() });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (attempt >= 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  /** Creates a database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async stop(): Promise<void> {
    // SIGINT is PostgreSQL's fast shutdown: connections are closed, the cluster stops cleanly.
    if (this.child) await stop(this.child, 'SIGINT');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
