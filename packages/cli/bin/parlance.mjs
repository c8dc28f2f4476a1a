#!/usr/bin/env node
// The `parlance` command. Runs the compiled CLI; `pnpm build` produces it.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv);
