package dev.berth.simulator.arm;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real Azure SDK pointed at a facade, the way FIELD-NOTES describes: our own pipeline (the
 * token path insists on https) with the SDK's RetryPolicy, then a policy that moves the world's
 * clock one second per request sent (retries included) and records what was sent.
 */
final class SdkAgainstFacade {

  record Sent(String method, String url, String body) {}

  final ContainerInstanceManager manager;
  final List<Sent> sent = new CopyOnWriteArrayList<>();

  SdkAgainstFacade(ArmServer server, String subscription, SteppedClock clock) {
    HttpPipelinePolicy stepAndRecord =
        (context, next) -> {
          clock.advance(Duration.ofSeconds(1));
          var request = context.getHttpRequest();
          String body =
              request.getBodyAsBinaryData() == null ? "" : request.getBodyAsBinaryData().toString();
          sent.add(new Sent(request.getHttpMethod().name(), request.getUrl().toString(), body));
          return next.process();
        };
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            .policies(new RetryPolicy(), stepAndRecord)
            .build();
    // Every endpoint the SDK knows (it reads the Graph one while wiring itself) points at the
    // facade, so nothing can leave loopback.
    Map<String, String> endpoints = new HashMap<>();
    AzureEnvironment.AZURE
        .getEndpoints()
        .keySet()
        .forEach(k -> endpoints.put(k, server.endpoint().toString()));
    AzureEnvironment environment = new AzureEnvironment(endpoints);
    AzureProfile profile =
        new AzureProfile("00000000-0000-0000-0000-00000000000t", subscription, environment);
    manager = ContainerInstanceManager.authenticate(pipeline, profile);
  }

  List<Sent> sent(String method, String pathPart) {
    return sent.stream()
        .filter(s -> s.method().equals(method) && s.url().contains(pathPart))
        .toList();
  }
}
