// The headless entry point: `winnow index|sources|list|dups|resolve|undo|redo|folds|export|inspect|verify|serve`. It checks the Node version before loading
// anything native (better-sqlite3 13 crashes on Node < 22 instead of failing cleanly).

// Plain string code, safe to load on any Node.
import { terminalText } from './text-out.ts';

const MIN_NODE_MAJOR = 22;

const USAGE = `Usage: winnow <command> [options]

Commands:
  index DIR --catalog FILE   import a folder of images (labels, hashes) into a catalog
  sources --catalog FILE     list the imported folders; --remove PATH|ID forgets one (files untouched)
  list --catalog FILE        print every image of a catalog (--csv or --json)
  dups --catalog FILE        find near-duplicate clusters, suggest what to keep
  resolve --catalog FILE     record decisions on clusters (keep, not duplicates, exclude, relabel)
  undo / redo --catalog FILE step back or forward through those decisions
  folds --catalog FILE       assign stratified, leakage-free folds (--k, --seed, --csv OUT)
  export --catalog FILE --out DIR   write TFRecord shards + manifest, label map, .idx, read_example.py
  inspect FILE.tfrec         schema, count, label histogram, one record's features
  verify DIR|FILE            check CRCs, images, counts and manifest hashes
  serve [--catalog FILE]     the app's screens in a browser (127.0.0.1, token in the printed URL)

Run \`winnow <command> --help\` for a command's options. Exit codes: 0 ok (per-file problems are
listed), 2 usage error, 1 fatal error.`;

async function main(argv: string[]): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    process.stderr.write(
      `Winnow needs Node.js ${MIN_NODE_MAJOR} or newer; this is Node ${process.versions.node}. ` +
        "From a checkout, run ./bin/winnow (it uses the project's own Node 22 after `npm install`).\n",
    );
    return 1;
  }
  const { UsageError } = await import('./args.ts');
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      const { WINNOW_VERSION } = await import('../core/version.ts');
      process.stdout.write(`winnow ${WINNOW_VERSION}\n`);
      return 0;
    }
    const commands: Record<string, () => Promise<{ run: (a: string[]) => Promise<number>; usage: string }>> = {
      index: async () => {
        const m = await import('./index-command.ts');
        return { run: m.indexCommand, usage: m.INDEX_USAGE };
      },
      sources: async () => {
        const m = await import('./sources-command.ts');
        return { run: m.sourcesCommand, usage: m.SOURCES_USAGE };
      },
      list: async () => {
        const m = await import('./list-command.ts');
        return { run: m.listCommand, usage: m.LIST_USAGE };
      },
      dups: async () => {
        const m = await import('./dups-command.ts');
        return { run: m.dupsCommand, usage: m.DUPS_USAGE };
      },
      resolve: async () => {
        const m = await import('./resolve-command.ts');
        return { run: m.resolveCommand, usage: m.RESOLVE_USAGE };
      },
      folds: async () => {
        const m = await import('./folds-command.ts');
        return { run: m.foldsCommand, usage: m.FOLDS_USAGE };
      },
      export: async () => {
        const m = await import('./export-command.ts');
        return { run: m.exportCommand, usage: m.EXPORT_USAGE };
      },
      inspect: async () => {
        const m = await import('./viewer-commands.ts');
        return { run: m.inspectCommand, usage: m.INSPECT_USAGE };
      },
      verify: async () => {
        const m = await import('./viewer-commands.ts');
        return { run: m.verifyCommand, usage: m.VERIFY_USAGE };
      },
      serve: async () => {
        const m = await import('./serve-command.ts');
        return { run: m.serveCommand, usage: m.SERVE_USAGE };
      },
      undo: async () => {
        const m = await import('./resolve-command.ts');
        return { run: m.undoRedoCommand('undo'), usage: m.RESOLVE_USAGE };
      },
      redo: async () => {
        const m = await import('./resolve-command.ts');
        return { run: m.undoRedoCommand('redo'), usage: m.RESOLVE_USAGE };
      },
    };
    const load = commands[command];
    if (!load) throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    const { run, usage } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    try {
      return await run(rest);
    } catch (err) {
      if (err instanceof UsageError) err.message += `\n\nUsage: ${usage}`;
      throw err;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`winnow: ${terminalText(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`winnow: ${terminalText((err as Error).message ?? String(err))}\n`);
    return 1;
  }
}

// `winnow list --csv | head` closes the pipe early: the reader has what it wanted, so stop quietly
// (as cat and ls do) instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`winnow: ${terminalText(String(err))}\n`);
    process.exitCode = 1;
  },
);
