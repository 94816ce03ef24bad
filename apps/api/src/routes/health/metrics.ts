import { metricsText } from '../../cluster/clusterMetrics.js';
import type { RouteModule } from '../../http/defineRoute.js';

/** Prometheus scrapes this; not in the OpenAPI document. With WEB_CONCURRENCY > 1, every worker's metrics together. */
export const metricsRoute: RouteModule = {
  register(app, { metrics }) {
    app.get('/metrics', async (c) => {
      c.header('Content-Type', metrics.registry.contentType);
      return c.body(await metricsText(metrics.registry));
    });
  },
};
