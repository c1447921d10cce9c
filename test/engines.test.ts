import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/server-process';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

// The oldest Node `engines` allows, the LTS users run, the current release, and this machine's.
const NODE_VERSIONS = ['20.19.0', '24.0.0', '26.0.0', process.versions.node];

describe('what npm ci installs', () => {
  it.each(NODE_VERSIONS)(
    'asks for no Node that Node %s is not, so npm ci prints no engine warning',
    (version) => {
      expect(semver.satisfies(version, manifest.engines.node)).toBe(true);
      const refused = Object.entries(lock.packages)
        .filter(([path]) => path !== '')
        .flatMap(([path, pkg]) => {
          const wanted = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
          return wanted !== undefined && !semver.satisfies(version, wanted)
            ? [
                `${path.replace(/^.*node_modules\//, '')}@${pkg.version ?? '?'} wants node ${wanted}`,
              ]
            : [];
        });
      expect(refused).toEqual([]);
    },
  );
});
