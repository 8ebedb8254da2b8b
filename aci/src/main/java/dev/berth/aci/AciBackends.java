package dev.berth.aci;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.secrets.SecretResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AciBackend}s for the commands that look at what runs ({@code logs}, {@code status}, {@code
 * plan}): they create nothing when built, not even the resource group.
 */
public final class AciBackends {

  /** Tenant of the loopback profile; the facade checks no tokens. */
  private static final String NO_TENANT = "00000000-0000-0000-0000-000000000000";

  private AciBackends() {}

  /**
   * Azure itself: the cloud and endpoint of {@code aci.cloud} and {@code aci.endpoint}, signed in
   * with {@code aci.credential} ({@code AZURE_TENANT_ID} picks the tenant); {@code keyvault:}
   * secrets read with the same identity.
   */
  public static AciBackend azure(FleetSpec.AciSettings settings) {
    return azure(settings, Owner.ANY);
  }

  /**
   * As {@link #azure(FleetSpec.AciSettings)}, for {@code owner}'s groups (others' are {@link
   * AciBackend#foreign}).
   */
  public static AciBackend azure(FleetSpec.AciSettings settings, Owner owner) {
    HttpClient http = new JdkHttpClientBuilder().build();
    TokenCredential credential = AzureSignIn.credential(settings, http, System::getenv);
    return azure(settings, http, credential, SecretPolicy.none(), owner);
  }

  /**
   * As {@link #azure(FleetSpec.AciSettings)} with a given HTTP client and credential: bearer tokens
   * over TLS, the SDK's retry policy (honouring {@code Retry-After}), ARM's remaining-requests
   * headers recorded for the read budget; secure values resolved within {@code secrets}.
   */
  public static AciBackend azure(
      FleetSpec.AciSettings settings,
      HttpClient http,
      TokenCredential credential,
      SecretPolicy secrets,
      Owner owner) {
    RateLimitHeaders limits = new RateLimitHeaders();
    ContainerInstanceManager manager =
        ContainerInstanceManager.configure()
            .withHttpClient(http)
            .withPolicy(limits)
            .authenticate(credential, AzureSignIn.profile(settings, System::getenv));
    return new AciBackend(
        manager,
        settings,
        new SecretResolver(System::getenv, Optional.of(new AzureKeyVault(credential)), secrets),
        owner,
        Clock.systemUTC(),
        limits);
  }

  /**
   * An ARM endpoint on this machine that wants no sign-in, over http: the simulator's ARM facade
   * that {@code berth run --backend simulator} serves. Throttling and 5xx are retried as the SDK
   * does for Azure.
   *
   * @throws IllegalArgumentException if the endpoint is not http on a loopback address
   */
  public static AciBackend loopback(URI endpoint, FleetSpec.AciSettings settings) {
    return loopback(endpoint, settings, Owner.ANY);
  }

  /** As {@link #loopback(URI, FleetSpec.AciSettings)}, for {@code owner}'s groups. */
  public static AciBackend loopback(URI endpoint, FleetSpec.AciSettings settings, Owner owner) {
    if (!"http".equals(endpoint.getScheme()) || !isLoopback(endpoint.getHost())) {
      throw new IllegalArgumentException(
          "an unauthenticated ARM endpoint must be http on this machine, got " + endpoint);
    }
    RateLimitHeaders limits = new RateLimitHeaders();
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(new JdkHttpClientBuilder().build())
            .policies(new RetryPolicy(), limits)
            .build();
    Map<String, String> endpoints = new HashMap<>();
    // The SDK reads other endpoints (Graph) while wiring itself; all of them are the facade.
    AzureEnvironment.AZURE
        .getEndpoints()
        .keySet()
        .forEach(k -> endpoints.put(k, endpoint.toString()));
    AzureProfile profile =
        new AzureProfile(NO_TENANT, settings.subscription(), new AzureEnvironment(endpoints));
    return new AciBackend(
        ContainerInstanceManager.authenticate(pipeline, profile),
        settings,
        SecretResolver.local(),
        owner,
        Clock.systemUTC(),
        limits);
  }

  /** A 401 or 403 from ARM as one line that says which (for callers outside {@link AciBackend}). */
  public static BackendException refusal(String operation, RuntimeException e) {
    return ArmFailure.of(operation, e);
  }

  private static boolean isLoopback(String host) {
    try {
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
