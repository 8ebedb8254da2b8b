package dev.berth.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;
import java.util.Locale;

/** The names users find in Temporal (SPEC §3): task queue, workflow IDs, search attributes. */
public final class TemporalNames {

  public static final String TASK_QUEUE = "berth";

  public static final SearchAttributeKey<String> BERTH_STACK =
      SearchAttributeKey.forKeyword("BerthStack");
  public static final SearchAttributeKey<String> BERTH_REVISION =
      SearchAttributeKey.forKeyword("BerthRevision");
  public static final SearchAttributeKey<String> BERTH_OPERATION =
      SearchAttributeKey.forKeyword("BerthOperation");

  public static final List<SearchAttributeKey<String>> SEARCH_ATTRIBUTES =
      List.of(BERTH_STACK, BERTH_REVISION, BERTH_OPERATION);

  private TemporalNames() {}

  public static String repoWatchId(String repoId) {
    return "berth/repo/" + repoId;
  }

  public static String stackId(String stack) {
    return "berth/stack/" + stack;
  }

  /** e.g. {@code berth/stack/shop/deploy/3}. */
  public static String operationId(String stack, String operation, int n) {
    return stackId(stack) + "/" + operation.toLowerCase(Locale.ROOT) + "/" + n;
  }
}
