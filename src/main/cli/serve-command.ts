import { findRendererDir } from '../shells/browser/static.ts';
import { startServer } from '../shells/browser/server.ts';
import { optionalInt, parse, UsageError } from './args.ts';
import { printText } from './text-out.ts';

export const SERVE_USAGE = `winnow serve [--catalog FILE] [--port N]
  Serves the Winnow screens to a browser on this machine (127.0.0.1 only), e.g. over an SSH tunnel:
  ssh -L 8765:127.0.0.1:8765 gpu-box, then open the printed URL. The URL carries a random token;
  anyone with it can use Winnow as you, so do not share it. --port 0 picks a free port (default 8765).
  Ctrl-C (or SIGTERM, SIGHUP) stops the server; a running import is cancelled and what it indexed is kept.`;

const DEFAULT_PORT = 8765;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { catalog: { type: 'string' }, port: { type: 'string' } }, 0);
  const port = optionalInt(values, 'port', 0, 65535) ?? DEFAULT_PORT;
  const rendererDir = findRendererDir();
  if (!rendererDir) throw new Error('The screens are not built (out/renderer is missing); run `npm run build` first.');
  let server;
  try {
    server = await startServer({ port, rendererDir, ...(values.catalog ? { catalog: values.catalog as string } : {}) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use; choose another with --port N (or --port 0 for any free port)`);
    }
    throw err;
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(130); // a second Ctrl-C: do not wait for the import to wind down
      stopping = true;
      process.stderr.write(`\n${signal}: stopping…\n`);
      void server.close().finally(() => {
        // Nothing should keep the loop alive now; if a native handle does, do not hang the terminal.
        setTimeout(() => process.exit(0), 2000).unref();
        resolve();
      });
    };
    // SIGHUP too: a closed SSH session or terminal must not leave the catalog open mid-job. Listening
    // before the URL is printed: whoever saw it (a user, a supervisor) may signal at once.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
    printText(
      `Winnow is serving on 127.0.0.1 only${server.host.catalogPath ? ` (catalog ${server.host.catalogPath})` : ''}.\n` +
        `Open this URL in a browser (it contains your access token):\n\n    ${server.url}\n\nPress Ctrl-C to stop.\n`,
    );
  });
  return 0;
}
