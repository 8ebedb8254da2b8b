package dev.berth.reconciler.runtime;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.berth.aci.AciBackend;
import dev.berth.aci.AciBackends;
import dev.berth.aci.ArmRequestPrinter;
import dev.berth.aci.AzureSignIn;
import dev.berth.reconciler.docker.DockerBackend;
import dev.berth.reconciler.docker.EngineNodes;
import dev.berth.reconciler.docker.EnginePolicy;
import dev.berth.reconciler.docker.NodeRouting;
import dev.berth.reconciler.spec.AciScopes;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.secrets.SecretResolver;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The backends {@code berth run --backend ...} can drive, built from the Fleet at the branch head.
 *
 * <p>{@link #aci} talks to Azure; {@link #dryRun} prints what it would send and lets another
 * backend (the simulator) answer. Neither starts workers: the caller registers the returned Backend
 * with {@code BerthWorkflows.register}.
 */
public final class Backends {

  private Backends() {}

  /**
   * Azure Container Instances in the Fleet's {@code aci.subscription} and {@code
   * aci.resourceGroup}, in the cloud of {@code aci.cloud} (or at {@code aci.endpoint}), signed in
   * with {@code aci.credential} ({@code default}: {@code DefaultAzureCredential}; {@code
   * AZURE_TENANT_ID} picks the tenant). The resource group is created in the Fleet's first region
   * if absent. {@code keyvault:} secrets are read with the same identity; {@code env:} and {@code
   * file:} from this process. Talks to Azure at once (the resource group), so call it where a
   * failure can be reported.
   *
   * @param scopes where the operator lets a Fleet deploy; the Fleet's destination must be within
   *     them
   * @param secrets the references secure values may be read from
   * @param owner the installation whose groups it works on (see {@link Owner})
   * @throws IllegalArgumentException if the Fleet has no {@code aci:} subscription and resource
   *     group, or names them outside {@code scopes}
   * @throws BackendException if ARM refuses to read or create the resource group (a 401 or 403 in
   *     one line that says which)
   */
  public static Backend aci(FleetSpec fleet, AciScopes scopes, SecretPolicy secrets, Owner owner) {
    FleetSpec.AciSettings aci = settings(fleet);
    if (!scopes.isPinned() || !scopes.covers(aci.subscription(), aci.resourceGroup())) {
      throw new IllegalArgumentException(
          "Fleet "
              + fleet.name()
              + " names /subscriptions/"
              + aci.subscription()
              + "/resourceGroups/"
              + aci.resourceGroup()
              + ", outside --aci-scope ("
              + (scopes.isPinned() ? scopes.describe() : "none given")
              + ")");
    }
    HttpClient http = new JdkHttpClientBuilder().build();
    return aci(fleet, http, AzureSignIn.credential(aci, http, System::getenv), secrets, owner);
  }

  /**
   * As {@link #aci(FleetSpec, AciScopes, SecretPolicy, Owner)}, with a given HTTP client and
   * credential.
   */
  public static AciBackend aci(
      FleetSpec fleet,
      HttpClient http,
      TokenCredential credential,
      SecretPolicy secrets,
      Owner owner) {
    FleetSpec.AciSettings aci = settings(fleet);
    AzureProfile profile = AzureSignIn.profile(aci, System::getenv);
    ensureResourceGroup(
        ResourceManager.configure()
            .withHttpClient(http)
            .authenticate(credential, profile)
            .withSubscription(aci.subscription()),
        aci.resourceGroup(),
        fleet.regions().get(0).name());
    return AciBackends.azure(aci, http, credential, secrets, owner);
  }

  /**
   * Prints to {@code out} every ARM request {@link #aci} would send for a create or delete, sends
   * none, and lets {@code answering} answer. Needs the Fleet's {@code aci:} settings for the URLs,
   * no identity.
   *
   * @throws IllegalArgumentException if the Fleet has no {@code aci:} subscription and resource
   *     group
   */
  public static Backend dryRun(FleetSpec fleet, Backend answering, PrintStream out) {
    return dryRun(fleet, answering, out, Owner.ANY);
  }

  /**
   * As {@link #dryRun(FleetSpec, Backend, PrintStream)}, printing {@code owner}'s {@code
   * berth-owner} tag.
   */
  public static Backend dryRun(FleetSpec fleet, Backend answering, PrintStream out, Owner owner) {
    return new ArmRequestPrinter(answering, settings(fleet), out, owner);
  }

  /**
   * {@code others} with the Fleet's Docker nodes in front: groups placed on a cluster's Docker node
   * run on its engine ({@link DockerBackend}), the rest where {@code others} runs them ({@link
   * NodeRouting}). {@code others} itself when no cluster has Docker nodes. The engines are reached
   * only as {@code policy} allows; {@code env:} and {@code file:} secrets are read from this
   * process.
   */
  public static Backend withDockerNodes(
      FleetSpec fleet, Backend others, EnginePolicy policy, Owner owner, SecretPolicy secrets) {
    EngineNodes nodes = new EngineNodes(fleet);
    if (nodes.isEmpty()) {
      return others;
    }
    return new NodeRouting(
        new DockerBackend(
            nodes,
            policy,
            new SecretResolver(System::getenv, Optional.empty(), secrets),
            owner.name(),
            Clock.systemUTC()),
        others);
  }

  private static FleetSpec.AciSettings settings(FleetSpec fleet) {
    FleetSpec.AciSettings aci = fleet.aci();
    if (aci == null || blank(aci.subscription()) || blank(aci.resourceGroup())) {
      throw new IllegalArgumentException(
          "Fleet "
              + fleet.name()
              + " needs aci.subscription and aci.resourceGroup for --backend aci");
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
      BackendException.Kind kind =
          status == 429 || status >= 500
              ? BackendException.Kind.RETRYABLE
              : BackendException.Kind.INVALID;
      throw new BackendException(
          kind,
          "resource group "
              + name
              + ": HTTP "
              + status
              + (e.getValue() == null
                  ? ""
                  : " " + e.getValue().getCode() + ": " + e.getValue().getMessage()));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
