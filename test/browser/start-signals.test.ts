/**
 * `npm start` stops the usual ways: SIGTERM to the npm process (what a service manager, `kill`
 * or a container runtime sends) and SIGINT to the whole process group (Ctrl+C in a terminal)
 * save the workspace and close the server — no server is left running after npm is gone.
 *
 * Spawns the real `npm start` (it builds dist/ first, a couple of seconds) on a free port with a
 * throwaway SOE_STATE_DIR. Skipped when npm is not on PATH.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const hasNpm = spawnSync('npm', ['--version'], { stdio: 'ignore' }).status === 0;
const maybe = hasNpm ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Started {
  npm: ChildProcess;
  port: number;
  stateFile: string;
  output: () => string;
}

async function startNpm(stateDir: string): Promise<Started> {
  const port = await freePort();
  // Its own process group (detached), as a terminal gives a foreground job: SIGINT goes to the group.
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SOE_STATE_DIR: stateDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  npm.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  try {
    await until(() => portOpen(port), 45_000, `npm start on port ${port}\n${out}`);
  } catch (e) {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    throw e;
  }
  return { npm, port, stateFile: path.join(stateDir, 'workspace.json'), output: () => out };
}

/** Whatever is left of the group after a test (nothing, when the test passes). */
function killGroup(npm: ChildProcess): void {
  try {
    process.kill(-npm.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

maybe('npm start stops on a signal, saving the workspace', () => {
  let stateDir: string;
  const started: ChildProcess[] = [];

  beforeEach(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-start-state-'));
  });
  afterEach(() => {
    started.forEach(killGroup);
    started.length = 0;
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  async function stopsOn(send: (s: Started) => void): Promise<void> {
    const s = await startNpm(stateDir);
    started.push(s.npm);
    expect(fs.existsSync(s.stateFile)).toBe(true);
    // Removed while running: it is back only if stopping saved it.
    fs.rmSync(s.stateFile);
    const exited = new Promise<void>((resolve) => s.npm.once('exit', () => resolve()));
    send(s);
    await until(async () => !(await portOpen(s.port)), 15_000, `the port to close after the signal\n${s.output()}`);
    await exited;
    expect(fs.existsSync(s.stateFile)).toBe(true);
    expect(s.output()).toContain('guardando y deteniendo');
  }

  it('SIGTERM to the npm process', async () => {
    await stopsOn((s) => s.npm.kill('SIGTERM'));
  }, 60_000);

  it('SIGINT to the process group (Ctrl+C)', async () => {
    await stopsOn((s) => process.kill(-s.npm.pid!, 'SIGINT'));
  }, 60_000);
});
