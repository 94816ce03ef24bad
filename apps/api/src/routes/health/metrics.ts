import type { RouteModule } from '../../http/defineRoute.js';

/** Prometheus scrapes this; not in the OpenAPI document. */
export const metricsRoute: RouteModule = {
  register(app, { metrics }) {
    app.get('/metrics', async (c) => {
      c.header('Content-Type', metrics.registry.contentType);
      return c.body(await metrics.registry.metrics());
    });
  },
};
