package dev.berth.reconciler.runtime;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.berth.workflows.aci.AciBackend;
import dev.berth.workflows.aci.AciBackends;
import dev.berth.workflows.aci.AzureSignIn;
import dev.berth.workflows.aci.ArmRequestPrinter;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.model.FleetSpec;
import java.io.PrintStream;

/**
 * The backends {@code berth run --backend ...} can drive, built from the Fleet at the branch head.
 *
 * <p>{@link #aci} talks to Azure; {@link #dryRun} prints what it would send and lets another backend
 * (the simulator) answer. Neither starts workers: the caller registers the returned Backend with
 * {@code BerthWorkflows.register}.
 */
public final class Backends {

  private Backends() {}

  /**
   * Azure Container Instances in the Fleet's {@code aci.subscription} and {@code aci.resourceGroup},
   * in the cloud of {@code aci.cloud} (or at {@code aci.endpoint}), signed in with {@code
   * aci.credential} ({@code default}: {@code DefaultAzureCredential}; {@code AZURE_TENANT_ID} picks
   * the tenant). The resource group is created in the Fleet's first region if absent. {@code
   * keyvault:} secrets are read with the same identity; {@code env:} and {@code file:} from this
   * process. Talks to Azure at once (the resource group), so call it where a failure can be
   * reported.
   *
   * @throws IllegalArgumentException if the Fleet has no {@code aci:} subscription and resource group
   * @throws BackendException if ARM refuses to read or create the resource group (a 401 or 403 in
   *     one line that says which)
   */
  public static Backend aci(FleetSpec fleet) {
    FleetSpec.AciSettings aci = settings(fleet);
    HttpClient http = new JdkHttpClientBuilder().build();
    return aci(fleet, http, AzureSignIn.credential(aci, http, System::getenv));
  }

  /** As {@link #aci(FleetSpec)}, with a given HTTP client and credential. */
  public static AciBackend aci(FleetSpec fleet, HttpClient http, TokenCredential credential) {
    FleetSpec.AciSettings aci = settings(fleet);
    AzureProfile profile = AzureSignIn.profile(aci, System::getenv);
    ensureResourceGroup(ResourceManager.configure().withHttpClient(http).authenticate(credential, profile).withSubscription(aci.subscription()),
        aci.resourceGroup(), fleet.regions().get(0).name());
    return AciBackends.azure(aci, http, credential);
  }

  /**
   * Prints to {@code out} every ARM request {@link #aci} would send for a create or delete, sends
   * none, and lets {@code answering} answer. Needs the Fleet's {@code aci:} settings for the URLs, no
   * identity.
   *
   * @throws IllegalArgumentException if the Fleet has no {@code aci:} subscription and resource group
   */
  public static Backend dryRun(FleetSpec fleet, Backend answering, PrintStream out) {
    return new ArmRequestPrinter(answering, settings(fleet), out);
  }

  private static FleetSpec.AciSettings settings(FleetSpec fleet) {
    FleetSpec.AciSettings aci = fleet.aci();
    if (aci == null || blank(aci.subscription()) || blank(aci.resourceGroup())) {
      throw new IllegalArgumentException("Fleet " + fleet.name() + " needs aci.subscription and aci.resourceGroup for --backend aci");
    }
    if (fleet.regions().isEmpty()) {
      throw new IllegalArgumentException("Fleet " + fleet.name() + " names no region");
    }
    return aci;
  }

  private static void ensureResourceGroup(ResourceManager resources, String name, String region) {
    try {
      if (!resources.resourceGroups().contain(name)) {
        resources.resourceGroups().define(name).withRegion(region).create();
      }
    } catch (ManagementException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
      if (status == 401 || status == 403) {
        throw AciBackends.refusal("resource group " + name, e);
      }
      BackendException.Kind kind = status == 429 || status >= 500 ? BackendException.Kind.RETRYABLE : BackendException.Kind.INVALID;
      throw new BackendException(kind, "resource group " + name + ": HTTP " + status
          + (e.getValue() == null ? "" : " " + e.getValue().getCode() + ": " + e.getValue().getMessage()));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
