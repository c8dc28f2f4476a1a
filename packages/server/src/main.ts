import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { DbHandle } from '@parlance/db';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import type { Context, Services } from './context.js';
import type { AudiencePort } from './engine/port.js';
import { formatError } from './errors.js';
import { authenticate, RateLimits } from './http/authenticate.js';
import { graphqlHandler, isFastGraphqlRequest, type RequestTracker } from './http/graphql-handler.js';
import { complexityPlugin, LIMITS, limitsRule, textRule } from './http/limits.js';
import { createMetrics } from './http/metrics.js';
import { observabilityPlugin } from './http/observability.js';
import { AuditWriter } from './modules/audit/audit.service.js';
import { SESSION_COOKIE } from './modules/auth/auth.service.js';
import { ingestRouter } from './modules/ingest/ingest.route.js';
import { opsRouter } from './modules/ops/ops.route.js';
import { buildParlanceSchema } from './schema.js';

export interface ServerSecrets {
  noiseSecret: string;
  pseudonymKey: string;
  ingestToken: string;
}

export interface CreateServerOptions {
  config: Config;
  db: DbHandle;
  secrets: ServerSecrets;
  /**
   * The built dashboard (index.html + assets), served on the same port with SPA fallback.
   * `config.dashboardDir` (PARLANCE_DASHBOARD_DIR), when set, takes precedence.
   */
  dashboardDir?: string | undefined;
  logger?: Logger | undefined;
  /**
   * Injected engine (tests, benchmark); the caller owns it and stops it. Default: the audience
   * engine over this database, stopped by `close()`.
   */
  engine?: AudiencePort | undefined;
  /** Listen port; default config.http.port (0 picks a free one). */
  port?: number | undefined;
}

export interface ParlanceServer {
  url: string;
  /** Resolves when the engine's first snapshot is built (rejects if the build failed). */
  ready: Promise<void>;
  engine: AudiencePort;
  apollo: ApolloServer<Context>;
  services: Services;
  /** Stops accepting connections, finishes in-flight requests, stops the engine. */
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'parlance-server' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret'],
      censor: '[redacted]',
    },
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

async function defaultEngine(options: CreateServerOptions, logger: Logger): Promise<AudiencePort> {
  const { createAudiencePort } = await import('./engine/adapter.js');
  return createAudiencePort({
    db: options.db,
    config: options.config,
    noiseSecret: options.secrets.noiseSecret,
    logger,
  });
}

/** Builds the Apollo server over the real schema (used by createServer and by in-process tests). */
export async function createApollo(services: Services): Promise<ApolloServer<Context>> {
  const schema = await buildParlanceSchema();
  return new ApolloServer<Context>({
    schema,
    formatError,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // The process owner (the CLI) handles SIGTERM/SIGINT: it finishes in-flight requests, flushes the
    // write-behind budget and audit writers, closes the database and exits 0. Apollo's own handler
    // would stop Apollo first and re-raise the signal, killing the process (exit 143) mid-request.
    stopOnTerminationSignals: false,
    validationRules: [limitsRule, textRule],
    plugins: [
      observabilityPlugin(services.metrics),
      complexityPlugin(),
      // No @cacheControl hints in this schema: its per-field hook costs on every request, for a
      // header that is always `no-store` (set once in createServer instead).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}

export async function createServer(options: CreateServerOptions): Promise<ParlanceServer> {
  const { config, db, secrets } = options;
  const logger = options.logger ?? createLogger(config);
  const engine = options.engine ?? (await defaultEngine(options, logger));
  const metrics = createMetrics(() => engine.snapshot());
  const services: Services = {
    config,
    db: db.db,
    engine,
    logger,
    metrics,
    audit: new AuditWriter(db.db, {
      onError: (error) => logger.error({ err: error }, 'audit log write failed'),
    }),
    noiseSecret: secrets.noiseSecret,
    pingDatabase: () => db.ping(),
  };
  const limits = new RateLimits(config.rateLimitPerMinute);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  const track: RequestTracker = (req, res) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Method, path and status only: never headers (keys, cookies) or bodies (chat text).
      logger.info(
        {
          requestId,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
        },
        'request',
      );
    });
    return requestId;
  };
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = track(req, res);
    next();
  });

  app.use(opsRouter({ db, engine, metrics, audit: services.audit }));
  app.use(
    ingestRouter({
      db,
      pseudonymKey: secrets.pseudonymKey,
      ingestToken: secrets.ingestToken,
      logger,
      metrics,
    }),
  );

  const apollo = await createApollo(services);
  await apollo.start();

  const cookieBase = `Path=/; HttpOnly; SameSite=Lax${config.http.cookieSecure ? '; Secure' : ''}`;
  const contextFor = async (
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    ip: string | undefined,
  ): Promise<Context> => {
    const principal = await authenticate(db.db, req, () => db.ping());
    await limits.consume(RateLimits.keyOf(principal, ip));
    return {
      requestId,
      principal,
      services,
      logger: logger.child({ requestId }),
      cookies: {
        setSession(token, expiresAt) {
          res.appendHeader(
            'Set-Cookie',
            `${SESSION_COOKIE}=${token}; ${cookieBase}; Expires=${expiresAt.toUTCString()}`,
          );
        },
        clearSession() {
          res.appendHeader('Set-Cookie', `${SESSION_COOKIE}=; ${cookieBase}; Max-Age=0`);
        },
      },
    };
  };
  app.use(
    '/graphql',
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('cache-control', 'no-store'); // answers are per organisation: never cached
      next();
    },
    express.json({ limit: LIMITS.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, res, String(res.locals.requestId), req.ip),
    }),
  );
  // Bearer-key JSON POSTs skip Express (see graphql-handler.ts); they never need the client IP.
  const fastGraphql = graphqlHandler({
    apollo,
    track,
    logger,
    context: (req, res, requestId) => contextFor(req, res, requestId, undefined),
  });

  // PARLANCE_DASHBOARD_DIR (config) overrides the directory the caller found (the installed build).
  const dashboardSource = config.dashboardDir ?? options.dashboardDir;
  const dashboardDir = dashboardSource ? resolve(dashboardSource) : undefined;
  if (config.dashboardDir && dashboardDir && !existsSync(join(dashboardDir, 'index.html'))) {
    logger.warn({ dashboardDir }, 'PARLANCE_DASHBOARD_DIR has no index.html: the dashboard is not served');
  }
  if (dashboardDir && existsSync(join(dashboardDir, 'index.html'))) {
    app.use(express.static(dashboardDir, { index: 'index.html', maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      if (!req.accepts('html')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(join(dashboardDir, 'index.html'));
    });
  }
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
  // Last resort: anything that escaped a route is masked, logged with its request id.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    const requestId = res.locals.requestId;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({
        error: {
          code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
          message: 'The request is invalid.',
        },
      });
      return;
    }
    logger.error({ err: error, requestId }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' } });
  });

  const port = options.port ?? config.http.port;
  const server = createHttpServer((req, res) => {
    if (isFastGraphqlRequest(req)) {
      fastGraphql(req, res).catch((error: unknown) => logger.error({ err: error }, 'unhandled error'));
    } else {
      app(req, res);
    }
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, config.http.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  const ready = engine.whenReady();
  ready.catch((error: unknown) => logger.error({ err: error }, 'audience engine failed to build'));

  let closing: Promise<void> | undefined;
  return {
    url,
    ready,
    engine,
    apollo,
    services,
    close() {
      closing ??= (async () => {
        // Stop accepting; let in-flight requests finish (idle keep-alive sockets closed at once).
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        await closed;
        clearTimeout(force);
        await apollo.stop();
        // Write what is still queued: audit entries, then the budget ledger's answer rows.
        await services.audit.close();
        if (options.engine === undefined) await engine.stop();
      })();
      return closing;
    },
  };
}
