package dev.berth.workflows.model;

import java.util.Locale;

/**
 * Where a secret's value lives; the value itself never enters Git, logs or workflow history.
 * Written {@code env:NAME}, {@code file:/path} or {@code keyvault:<vault>/<secret>}.
 */
public record SecretRef(Source source, String location) {

  /** The kinds of secret store Berth reads at the last moment, in the activity that needs it. */
  public enum Source {
    ENV,
    FILE,
    KEYVAULT
  }

  @Override
  public String toString() {
    return source.name().toLowerCase(Locale.ROOT) + ":" + location;
  }
}
