package dk.npflan.dhcp.rollout;

import java.time.Instant;
import java.util.List;

/**
 * What is recorded next to a published bundle: when it was generated and the NetBox requests that
 * caused it.
 */
public record PublishMetadata(Instant generatedAt, List<String> netboxRequestIds) {}
