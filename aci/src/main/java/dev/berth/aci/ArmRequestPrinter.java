package dev.berth.aci;

import com.azure.json.JsonProviders;
import com.azure.json.JsonWriter;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.ForwardingBackend;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A dry run of {@link AciBackend}: prints the ARM requests a create or delete would send (method,
 * URL, and for a PUT its JSON body) and sends none; the wrapped backend (a simulated world, say)
 * answers instead. Secure values print as {@code <env:NAME>} and are never read. Reads are not
 * printed: AciBackend's GETs and lists change nothing.
 */
public final class ArmRequestPrinter extends ForwardingBackend {

  private static final String ARM = "https://management.azure.com";

  private final FleetSpec.AciSettings settings;
  private final PrintStream out;
  private final Owner owner;

  public ArmRequestPrinter(Backend answering, FleetSpec.AciSettings settings, PrintStream out) {
    this(answering, settings, out, Owner.ANY);
  }

  /** Printing the {@code berth-owner} tag {@code owner} would write. */
  public ArmRequestPrinter(
      Backend answering, FleetSpec.AciSettings settings, PrintStream out, Owner owner) {
    super(answering);
    this.settings = settings;
    this.out = out;
    this.owner = owner;
  }

  @Override
  public ContainerGroup create(GroupSpec spec) {
    String body = json(spec);
    synchronized (out) {
      out.println("PUT " + url(spec.name()));
      out.println(body);
    }
    return backend.create(spec);
  }

  @Override
  public boolean delete(String groupName) {
    out.println("DELETE " + url(groupName));
    return backend.delete(groupName);
  }

  @Override
  public boolean adopt(String groupName, SortedMap<String, String> tags) {
    out.println("PATCH " + url(groupName) + " (tags: add " + tags.keySet() + " and berth-owner)");
    return backend.adopt(groupName, tags);
  }

  private String url(String group) {
    return ARM
        + "/subscriptions/"
        + settings.subscription()
        + "/resourceGroups/"
        + settings.resourceGroup()
        + "/providers/Microsoft.ContainerInstance/containerGroups/"
        + group
        + "?api-version=2023-05-01";
  }

  private String json(GroupSpec spec) {
    var inner =
        GroupRequest.of(
            spec,
            Optional.ofNullable(settings.subnets().get(spec.region())),
            ref -> "<" + ref + ">",
            owner);
    StringWriter text = new StringWriter();
    try (JsonWriter writer = JsonProviders.createWriter(text)) {
      inner.toJson(writer).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
