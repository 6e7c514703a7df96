package io.tidings;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidings.config.TidingsOptions;
import io.tidings.connections.NodeLimits;
import io.tidings.http.Readiness;
import io.tidings.message.MessageIds;
import io.tidings.hub.Hub;
import io.tidings.identity.Identity;
import io.tidings.identity.NameKeeper;
import io.tidings.ratelimit.RateLimits;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;

/**
 * What a node starts once and every verticle instance shares: handed over whole, so that a new
 * service is one more component here rather than one more constructor parameter everywhere.
 */
public record NodeServices(TidingsOptions options, Hub hub, Presence presence, MessageIds ids,
                           TidingsMetrics metrics, MeterRegistry meters, Readiness readiness, NodeLimits limits,
                           Identity identity, NameKeeper names, RateLimits rateLimits) {
}
