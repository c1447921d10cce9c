import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/common/config/app-config';

const SECRET_32 = 'x'.repeat(32);

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data/pglite' });
    expect(config.jwt.ttlSeconds).toBe(28_800);
    expect(config.bootstrap).toEqual({
      adminEmail: undefined,
      adminPassword: undefined,
      clinicName: 'Demo Clinic',
    });
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
    expect(config.jobs).toEqual({ worker: true, expireSeconds: 300 });
    expect(config.sms).toEqual({ channel: 'off' });
    expect(config.admission).toEqual({ maxActive: 4, queueLength: 100, maxWaitMs: 5_000 });
  });

  it('reads the PGlite admission queue: PGLITE_MAX_ACTIVE_REQUESTS, _QUEUE_LENGTH, _QUEUE_WAIT_MS', () => {
    const config = loadConfig({
      PGLITE_MAX_ACTIVE_REQUESTS: '2',
      PGLITE_QUEUE_LENGTH: '0',
      PGLITE_QUEUE_WAIT_MS: '250',
    });
    expect(config.admission).toEqual({ maxActive: 2, queueLength: 0, maxWaitMs: 250 });
  });

  it('reads JOBS_WORKER, JOBS_EXPIRE_SECONDS and SMS_CHANNEL, naming a bad one', () => {
    const config = loadConfig({
      JOBS_WORKER: 'false',
      JOBS_EXPIRE_SECONDS: '30',
      SMS_CHANNEL: 'log',
    });
    expect(config.jobs).toEqual({ worker: false, expireSeconds: 30 });
    expect(config.sms).toEqual({ channel: 'log' });
    expect(() => loadConfig({ JOBS_WORKER: 'yes' })).toThrow(/JOBS_WORKER/);
    expect(() => loadConfig({ JOBS_EXPIRE_SECONDS: '2' })).toThrow(/JOBS_EXPIRE_SECONDS/);
    expect(() => loadConfig({ SMS_CHANNEL: 'twilio' })).toThrow(/SMS_CHANNEL/);
  });

  it('generates a throw-away signing secret outside production when JWT_SECRET is unset', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.jwt.generated).toBe(true);
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwt.secret).not.toBe(first.jwt.secret);
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ HOST: '', PORT: '', PGLITE_DATA_DIR: '', DATABASE_URL: '' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data/pglite' });
  });

  it('reads HOST, PORT, PGLITE_DATA_DIR and LOG_LEVEL', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      PGLITE_DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
    });
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: 'memory://' });
    expect(config.logLevel).toBe('warn');
  });

  it('uses PostgreSQL with the pool size when DATABASE_URL is set', () => {
    const url = 'postgres://contour@db.internal:5432/contour';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      url,
      poolSize: 10,
      preparedStatements: true,
    });
    expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '25' }).database).toEqual({
      kind: 'postgres',
      url,
      poolSize: 25,
      preparedStatements: true,
    });
  });

  it('reads reports on DATABASE_READ_URL, which needs DATABASE_URL', () => {
    const url = 'postgres://contour@db.internal:5432/contour';
    const readUrl = 'postgres://contour@db.internal:5001/contour';
    expect(loadConfig({ DATABASE_URL: url, DATABASE_READ_URL: readUrl }).database).toEqual({
      kind: 'postgres',
      url,
      poolSize: 10,
      preparedStatements: true,
      readUrl,
    });
    expect(() => loadConfig({ DATABASE_READ_URL: readUrl })).toThrow(/DATABASE_READ_URL needs/);
  });

  it('runs without named prepared statements when DATABASE_PREPARED_STATEMENTS=false', () => {
    const url = 'postgres://contour@pgbouncer.internal:6432/contour';
    expect(
      loadConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'false' }).database,
    ).toMatchObject({ kind: 'postgres', preparedStatements: false });
    expect(() => loadConfig({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(
      /DATABASE_PREPARED_STATEMENTS: true or false/,
    );
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
  });

  it('uses the given JWT_SECRET in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET_32 });
    expect(config.nodeEnv).toBe('production');
    expect(config.jwt).toMatchObject({ secret: SECRET_32, generated: false });
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET_32.slice(1) })).toThrow(ConfigError);
    expect(() => loadConfig({ JWT_SECRET: SECRET_32.slice(1) })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET_32.slice(1) })).toThrow(
      /JWT_SECRET/,
    );
  });

  it('reads BOOTSTRAP_TIME_ZONE as IANA spells it, unset when blank', () => {
    expect(loadConfig({ BOOTSTRAP_TIME_ZONE: 'america/phoenix' }).bootstrap.clinicTimeZone).toBe(
      'America/Phoenix',
    );
    expect(loadConfig({ BOOTSTRAP_TIME_ZONE: '' }).bootstrap.clinicTimeZone).toBeUndefined();
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['10.0.0.0/8, 192.168.1.1', '10.0.0.0/8, 192.168.1.1'],
  ])('reads TRUST_PROXY=%s as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_POOL_SIZE', '0'],
    ['PGLITE_MAX_ACTIVE_REQUESTS', '0'],
    ['PGLITE_QUEUE_LENGTH', '-1'],
    ['PGLITE_QUEUE_WAIT_MS', '5s'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['BOOTSTRAP_ADMIN_EMAIL', 'not-an-email'],
    ['TRUST_PROXY', 'everyone'],
    ['BOOTSTRAP_TIME_ZONE', 'Mars/Olympus_Mons'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
