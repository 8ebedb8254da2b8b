package dev.berth.aci;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.berth.workflows.model.FleetSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where Berth reaches ARM and how it signs in, from the Fleet's {@code aci.cloud}, {@code
 * aci.endpoint} and {@code aci.credential}. The endpoint replaces only the cloud's resource manager
 * URL: tokens are still asked for the cloud's management audience, from the cloud's authority.
 * {@code AZURE_TENANT_ID} picks the tenant; the credentials read the rest of their settings from
 * the environment as the Azure SDK documents ({@code AZURE_CLIENT_ID}, ...).
 */
public final class AzureSignIn {

  private AzureSignIn() {}

  public static AzureEnvironment environment(FleetSpec.AciSettings settings) {
    AzureEnvironment cloud =
        switch (settings.cloud()) {
          case AZURE_CLOUD -> AzureEnvironment.AZURE;
          case AZURE_CHINA_CLOUD -> AzureEnvironment.AZURE_CHINA;
          case AZURE_US_GOVERNMENT -> AzureEnvironment.AZURE_US_GOVERNMENT;
        };
    if (settings.endpoint() == null) {
      return cloud;
    }
    Map<String, String> endpoints = new HashMap<>(cloud.getEndpoints());
    endpoints.put(
        "resourceManagerEndpointUrl",
        settings.endpoint().endsWith("/") ? settings.endpoint() : settings.endpoint() + "/");
    return new AzureEnvironment(endpoints);
  }

  public static AzureProfile profile(FleetSpec.AciSettings settings, Function<String, String> env) {
    return new AzureProfile(
        env.apply("AZURE_TENANT_ID"), settings.subscription(), environment(settings));
  }

  public static String authorityHost(FleetSpec.Cloud cloud) {
    return switch (cloud) {
      case AZURE_CLOUD -> AzureAuthorityHosts.AZURE_PUBLIC_CLOUD;
      case AZURE_CHINA_CLOUD -> AzureAuthorityHosts.AZURE_CHINA;
      case AZURE_US_GOVERNMENT -> AzureAuthorityHosts.AZURE_GOVERNMENT;
    };
  }

  /** The credential {@code aci.credential} names, signing in at the cloud's authority. */
  public static TokenCredential credential(
      FleetSpec.AciSettings settings, HttpClient http, Function<String, String> env) {
    String authority = authorityHost(settings.cloud());
    String tenant = env.apply("AZURE_TENANT_ID");
    return switch (settings.credential()) {
      case DEFAULT -> {
        DefaultAzureCredentialBuilder b =
            new DefaultAzureCredentialBuilder().httpClient(http).authorityHost(authority);
        yield tenant == null ? b.build() : b.tenantId(tenant).build();
      }
      case CLI -> {
        AzureCliCredentialBuilder b = new AzureCliCredentialBuilder();
        yield tenant == null ? b.build() : b.tenantId(tenant).build();
      }
      case ENVIRONMENT ->
          new EnvironmentCredentialBuilder().httpClient(http).authorityHost(authority).build();
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder b =
            new ManagedIdentityCredentialBuilder().httpClient(http);
        String clientId = env.apply("AZURE_CLIENT_ID");
        yield clientId == null ? b.build() : b.clientId(clientId).build();
      }
      case WORKLOAD_IDENTITY ->
          new WorkloadIdentityCredentialBuilder().httpClient(http).authorityHost(authority).build();
    };
  }
}
