package dev.berth.workflows.secrets;

/**
 * Reads one secret's current value from an Azure Key Vault; failures are {@link
 * dev.berth.workflows.backend.BackendException}s.
 */
public interface KeyVault {

  /** The value of secret {@code name} in vault {@code vault} (the vault's name, not its URL). */
  String secret(String vault, String name);
}
