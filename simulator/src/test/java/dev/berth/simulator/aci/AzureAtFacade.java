package dev.berth.simulator.aci;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpResponse;
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

  /** An answer the facade gave: the request's method and URL, the status and the body. */
  record Answer(String method, String url, int status, String body) {}

  final ContainerInstanceManager manager;
  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final List<Answer> answers = new CopyOnWriteArrayList<>();

  AzureAtFacade(ArmServer server, String subscription, boolean sdkRetries, Runnable before) {
    HttpPipelinePolicy record =
        (context, next) -> {
          before.run();
          var request = context.getHttpRequest();
          String body =
              request.getBodyAsBinaryData() == null ? "" : request.getBodyAsBinaryData().toString();
          sent.add(new Sent(request.getHttpMethod().name(), request.getUrl().toString(), body));
          return next.process()
              .map(
                  response -> {
                    if (response.getStatusCode() < 400) {
                      return response;
                    }
                    // An error body is small; buffer it so the SDK can still read it after us.
                    HttpResponse buffered = response.buffer();
                    answers.add(
                        new Answer(
                            request.getHttpMethod().name(),
                            request.getUrl().toString(),
                            buffered.getStatusCode(),
                            buffered.getBodyAsBinaryData() == null
                                ? ""
                                : buffered.getBodyAsBinaryData().toString()));
                    return buffered;
                  });
        };
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    if (sdkRetries) {
      policies.add(new RetryPolicy());
    }
    policies.add(record);
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            .policies(policies.toArray(HttpPipelinePolicy[]::new))
            .build();
    Map<String, String> endpoints = new HashMap<>();
    AzureEnvironment.AZURE
        .getEndpoints()
        .keySet()
        .forEach(k -> endpoints.put(k, server.endpoint().toString()));
    AzureProfile profile =
        new AzureProfile(
            "00000000-0000-0000-0000-00000000000t", subscription, new AzureEnvironment(endpoints));
    manager = ContainerInstanceManager.authenticate(pipeline, profile);
  }

  /**
   * The error answers (status 400 and above) to requests of that method whose URL contains
   * pathPart.
   */
  List<Answer> refused(String method, String pathPart) {
    return answers.stream()
        .filter(a -> a.method().equals(method) && a.url().contains(pathPart))
        .toList();
  }

  List<Sent> sent(String method, String pathPart) {
    return sent.stream()
        .filter(s -> s.method().equals(method) && s.url().contains(pathPart))
        .toList();
  }
}
