package dev.berth.reconciler.testing;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of Temporal's embedded test service, read through its TestService API: a simulated
 * world on it shares time with workflows whose timers the service skips.
 */
public final class ServiceClock extends Clock {

  private final TestServiceStubs service;

  public ServiceClock(WorkflowServiceStubs workflowService) {
    this.service =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder(workflowService.getOptions()).build());
  }

  @Override
  public Instant instant() {
    Timestamp now = service.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime();
    return Instant.ofEpochSecond(now.getSeconds(), now.getNanos());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
