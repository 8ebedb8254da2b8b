package dev.berth.workflows.backend;

import java.util.Map;
import java.util.Optional;

/**
 * The Berth installation whose groups a backend works on, named by the {@code berth-owner} tag.
 * Backends are built with one: they tag what they create with it and list, count and delete only
 * groups that carry it, or that carry none yet (made before Berth wrote the tag; see {@link
 * Backend#adopt}). Groups of another owner are {@link Claim#FOREIGN} and left alone.
 *
 * <p>{@link #ANY} names no installation: it writes no owner tag and sees every Berth group; it is
 * for commands that only read, when no owner is known, and for tests of one installation.
 *
 * @param name the tag's value, empty for {@link #ANY}
 */
public record Owner(String name) {

  /** Azure's limit for a tag value. */
  public static final int MAX_LENGTH = 256;

  public static final Owner ANY = new Owner("");

  /** How a group stands towards this owner. */
  public enum Claim {
    /** Carries this owner's tag (or this is {@link #ANY} and it is Berth's). */
    OURS,
    /**
     * A Berth group without an owner tag: made before the tag existed; adopted by the first to
     * check it.
     */
    UNCLAIMED,
    /** Another installation's, or not Berth's at all. */
    FOREIGN
  }

  public Owner {
    if (name == null || name.length() > MAX_LENGTH || !name.matches("[A-Za-z0-9._:/@+=-]*")) {
      throw new IllegalArgumentException(
          "an owner is at most "
              + MAX_LENGTH
              + " letters, digits and . _ : / @ + = -, got '"
              + name
              + "'");
    }
  }

  public static Owner named(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an owner needs a name");
    }
    return new Owner(name);
  }

  public boolean isAny() {
    return name.isEmpty();
  }

  /** The value of the {@code berth-owner} tag this owner writes; empty for {@link #ANY}. */
  public Optional<String> tag() {
    return isAny() ? Optional.empty() : Optional.of(name);
  }

  /** How a group with these tags (null for none) stands towards this owner. */
  public Claim claim(Map<String, String> tags) {
    if (tags == null || tags.get(GroupTags.STACK) == null) {
      return Claim.FOREIGN;
    }
    String owner = tags.get(GroupTags.OWNER);
    if (owner == null) {
      return isAny() ? Claim.OURS : Claim.UNCLAIMED;
    }
    return isAny() || owner.equals(name) ? Claim.OURS : Claim.FOREIGN;
  }

  /** A group this owner lists and may change: its own, or one nobody has claimed yet. */
  public boolean mayTouch(Map<String, String> tags) {
    return claim(tags) != Claim.FOREIGN;
  }

  @Override
  public String toString() {
    return isAny() ? "(any owner)" : name;
  }
}
