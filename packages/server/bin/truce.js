#!/usr/bin/env node
// The `truce` command. Truce is written in TypeScript and runs through tsx, so that
// `npm install && npm start` needs no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
