// Moved to scripts/lib so the demo and benchmarks share it.
export * from '../../scripts/lib/next-server';
