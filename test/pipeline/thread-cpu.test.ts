import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { cpuMsOfStat, threadCpuMs } from '../../src/pipeline/thread-cpu.ts';

test('a stat line gives utime + stime in milliseconds, even when the command name holds spaces and parentheses', () => {
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
  const line = '4242 (node (a) b) R 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 9 0 1000 0 0';
  assert.equal(cpuMsOfStat(line), (250 + 37) * 10);
  assert.equal(cpuMsOfStat('4242 (node) R 1'), null, 'a truncated line is not read as zero');
  assert.equal(cpuMsOfStat('4242 (node) R 1 4242 4242 0 -1 4194560 100 0 0 0 250 '), null, 'nor one cut after utime');
});

test('the calling thread’s CPU time grows with the work it does', { skip: !fs.existsSync('/proc/thread-self/stat') }, () => {
  const before = threadCpuMs()!;
  // Busy until the thread has used 50 ms more (a loaded machine may take longer to give it).
  const deadline = performance.now() + 10_000;
  let x = 0;
  let after = before;
  while (after - before < 50 && performance.now() < deadline) {
    for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);
    after = threadCpuMs()!;
  }
  assert.ok(x > 0);
  assert.ok(after - before >= 50, `${before} → ${after}`);
});

test('another thread’s work is not counted (process.cpuUsage would count it)', { skip: !fs.existsSync('/proc/thread-self/stat') }, async () => {
  const { Worker } = await import('node:worker_threads');
  const before = threadCpuMs()!;
  const processBefore = process.cpuUsage();
  // The worker spins until it has used 200 ms of its own CPU time while this thread waits.
  const spin = `
    const fs = require('node:fs');
    const ticks = () => { const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return +f[11] + +f[12]; };
    const start = ticks(), deadline = Date.now() + 10000;
    let x = 0;
    while (ticks() - start < 20 && Date.now() < deadline) for (let i = 0; i < 100000; i++) x += Math.sqrt(x + i);`;
  const worker = new Worker(spin, { eval: true });
  await new Promise((resolve) => worker.once('exit', resolve));
  const mine = threadCpuMs()! - before;
  const processMs = (process.cpuUsage(processBefore).user + process.cpuUsage(processBefore).system) / 1000;
  assert.ok(processMs - mine >= 100, `process ${processMs} ms, this thread ${mine} ms`);
});
