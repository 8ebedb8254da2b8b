package dev.berth.simulator.aci;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import dev.berth.simulator.arm.ArmServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real Azure SDK wired to an ARM facade on loopback: every endpoint at the facade, our own
 * pipeline (optionally with the SDK's RetryPolicy), then {@code before} (a clock step, say) and a
 * record of every request sent, retries included.
 */
final class AzureAtFacade {

  record Sent(String method, String url, String body) {}

  final ContainerInstanceManager manager;
  final List<Sent> sent = new CopyOnWriteArrayList<>();

  AzureAtFacade(ArmServer server, String subscription, boolean sdkRetries, Runnable before) {
    HttpPipelinePolicy record = (context, next) -> {
      before.run();
      var request = context.getHttpRequest();
      String body = request.getBodyAsBinaryData() == null ? "" : request.getBodyAsBinaryData().toString();
      sent.add(new Sent(request.getHttpMethod().name(), request.getUrl().toString(), body));
      return next.process();
    };
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    if (sdkRetries) {
      policies.add(new RetryPolicy());
    }
    policies.add(record);
    HttpPipeline pipeline = new HttpPipelineBuilder()
        .httpClient(new JdkHttpClientBuilder().build())
        .policies(policies.toArray(HttpPipelinePolicy[]::new))
        .build();
    Map<String, String> endpoints = new HashMap<>();
    AzureEnvironment.AZURE.getEndpoints().keySet().forEach(k -> endpoints.put(k, server.endpoint().toString()));
    AzureProfile profile = new AzureProfile("00000000-0000-0000-0000-00000000000t", subscription, new AzureEnvironment(endpoints));
    manager = ContainerInstanceManager.authenticate(pipeline, profile);
  }

  List<Sent> sent(String method, String pathPart) {
    return sent.stream().filter(s -> s.method().equals(method) && s.url().contains(pathPart)).toList();
  }
}
