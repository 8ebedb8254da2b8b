package dev.berth.aci;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.berth.workflows.aci.HealthReads;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Remembers what ARM last said is left of the subscription's reads ({@code
 * x-ms-ratelimit-remaining-subscription-reads}), for {@link HealthReads} and for reports. A
 * pipeline policy: put it in the ARM pipeline after the retry policy, so it sees every answer.
 */
public final class RateLimitHeaders implements HttpPipelinePolicy {

  static final String READS = "x-ms-ratelimit-remaining-subscription-reads";

  private static final int UNKNOWN = Integer.MIN_VALUE;

  private final AtomicInteger reads = new AtomicInteger(UNKNOWN);

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return next.process().doOnNext(this::remember);
  }

  public OptionalInt remainingReads() {
    int n = reads.get();
    return n == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(n);
  }

  private void remember(HttpResponse response) {
    store(reads, response.getHeaderValue(READS));
  }

  private static void store(AtomicInteger into, String header) {
    if (header == null) {
      return;
    }
    try {
      into.set(Integer.parseInt(header.trim()));
    } catch (NumberFormatException ignored) {
      // a header we cannot read tells us nothing
    }
  }
}
